using BarberPro.Domain.Common;
using Microsoft.Data.Sqlite;

namespace BarberPro.Domain.Data;

/// <summary>Why the database could not take a write: try again in a moment, or not until someone fixes it.</summary>
public enum DatabaseFault
{
    /// <summary>Other writers (in this process or another) held the database for longer than the busy timeout.</summary>
    Busy,

    /// <summary>The database file is gone, was replaced, or cannot be read or written: nothing can be saved.</summary>
    Unavailable,
}

/// <summary>A write the database could not take; callers turn it into a typed answer (a Busy outcome, a 503).</summary>
public abstract class DatabaseFaultException(string message, Exception? inner = null) : Exception(message, inner)
{
    public abstract DatabaseFault Fault { get; }
}

public sealed class DatabaseBusyException(string message, Exception? inner = null) : DatabaseFaultException(message, inner)
{
    public override DatabaseFault Fault => DatabaseFault.Busy;
}

public sealed class DatabaseUnavailableException(string message, Exception? inner = null) : DatabaseFaultException(message, inner)
{
    public override DatabaseFault Fault => DatabaseFault.Unavailable;
}

/// <summary>Recognises database faults in exceptions, and what to tell the user about them.</summary>
public static class DatabaseFaults
{
    /// <summary>The database was too busy to take the change in time; nothing was written.</summary>
    public static readonly DomainError Busy = new("booking.busy", "Estamos con mucha demanda, probá de nuevo.");

    /// <summary>The database cannot take writes at all; nothing was written.</summary>
    public static readonly DomainError Unavailable = new("database.unavailable",
        "No pudimos guardar los cambios porque el sistema no está disponible en este momento. Probá de nuevo en unos minutos.");

    public static DomainError ErrorFor(DatabaseFault fault) => fault == DatabaseFault.Busy ? Busy : Unavailable;

    /// <summary>The fault a refusal stands for, when a service returned <see cref="Busy"/> or <see cref="Unavailable"/>.</summary>
    public static DatabaseFault? FaultOf(DomainError error) =>
        error.Code == Busy.Code ? DatabaseFault.Busy : error.Code == Unavailable.Code ? DatabaseFault.Unavailable : null;

    /// <summary>The exception for <paramref name="fault"/>, for a layer that answers faults in one place (the API's error middleware).</summary>
    public static DatabaseFaultException ToException(DatabaseFault fault) => fault == DatabaseFault.Busy
        ? new DatabaseBusyException("The database was too busy to take the write in time.")
        : new DatabaseUnavailableException("The database cannot take writes.");

    /// <summary>
    /// The fault <paramref name="exception"/> (or one it wraps) stands for, or null when it is not a database fault:
    /// our own gate's exceptions, SQLite's busy/locked, and the errors of a file that cannot be opened, read or written.
    /// </summary>
    public static DatabaseFault? Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DatabaseFaultException fault:
                    return fault.Fault;
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode switch
                    {
                        SqliteBusy or SqliteLocked => DatabaseFault.Busy,
                        SqlitePerm or SqliteReadOnly or SqliteIoErr or SqliteCorrupt or SqliteFull or SqliteCantOpen or SqliteNotADb => DatabaseFault.Unavailable,
                        _ => null,
                    };
            }
        }
        return null;
    }

    internal const int SqlitePerm = 3;
    internal const int SqliteBusy = 5;
    internal const int SqliteLocked = 6;
    internal const int SqliteReadOnly = 8;
    internal const int SqliteIoErr = 10;
    internal const int SqliteCorrupt = 11;
    internal const int SqliteFull = 13;
    internal const int SqliteCantOpen = 14;
    internal const int SqliteNotADb = 26;
}
