using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Domain.Data;

/// <summary>
/// Notices when the SQLite file the app writes to is no longer the file on disk: deleted (with its folder or alone),
/// replaced by another file, or unreadable. The app's pooled connections keep writing to a deleted file without an
/// error, and whatever they commit is gone at the next start — an acknowledged booking lost.
/// <para>
/// At start-up <see cref="DatabaseInitializer"/> writes a random id into the file (<see cref="DatabaseStamp"/>) and the
/// guard remembers it. <see cref="Check"/> reads it back through a new, unpooled connection opened by path; any other
/// answer (no file, no table, another id, not a database) is a problem. Health checks always look afresh; writes
/// (through <see cref="SqliteWriteGate"/>) trust a good answer for <see cref="TrustFor"/> so a write costs no extra open.
/// </para>
/// </summary>
public sealed class DatabaseFileGuard(IClock clock)
{
    /// <summary>How long a good check is trusted by writes.</summary>
    public static readonly Duration TrustFor = Duration.FromSeconds(1);

    private readonly Lock _lock = new();
    private string? _path;
    private string? _instanceId;
    private Instant? _goodUntil;

    /// <summary>The database file being guarded, or null before start-up stamped it.</summary>
    public string? FilePath => _path;

    /// <summary>Writes a new id into the database of <paramref name="db"/> and starts guarding its file.</summary>
    internal async Task StampAsync(BarberProDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
            return;
        var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:")
            return;
        var instanceId = Convert.ToHexString(RandomNumberGenerator.GetBytes(DatabaseStamp.InstanceIdLength / 2));
        var stamp = await db.DatabaseStamps.SingleOrDefaultAsync(s => s.Id == DatabaseStamp.SingleId, ct);
        if (stamp is null)
            db.DatabaseStamps.Add(new DatabaseStamp(instanceId, clock.GetCurrentInstant()));
        else
            stamp.Restamp(instanceId, clock.GetCurrentInstant());
        await db.SaveChangesAsync(ct);
        lock (_lock)
        {
            (_path, _instanceId, _goodUntil) = (Path.GetFullPath(path), instanceId, null);
        }
    }

    /// <summary>
    /// Null when the file on disk is the one this process stamped (or nothing is guarded yet); otherwise what is wrong,
    /// for logs. <paramref name="fresh"/> looks at the file even when a good answer is still trusted.
    /// </summary>
    public string? Check(bool fresh = false)
    {
        string? path, expected;
        lock (_lock)
        {
            (path, expected) = (_path, _instanceId);
            if (path is null || (!fresh && _goodUntil is { } until && clock.GetCurrentInstant() < until))
                return null;
        }

        var problem = Read(path, expected!);
        lock (_lock)
        {
            _goodUntil = problem is null ? clock.GetCurrentInstant() + TrustFor : null;
        }
        return problem;
    }

    private static string? Read(string path, string expected)
    {
        if (!File.Exists(path))
            return $"The database file '{path}' no longer exists.";
        try
        {
            // Not pooled: a pooled connection may still be open on the deleted or replaced file. Never creates a file.
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
                DefaultTimeout = 1,
            }.ToString();
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"InstanceId\" FROM \"DatabaseStamp\" WHERE \"Id\" = {DatabaseStamp.SingleId};";
            var found = command.ExecuteScalar() as string;
            return found == expected
                ? null
                : $"The database file '{path}' is not the one this process opened (it was replaced or restored under the running app).";
        }
        catch (SqliteException e)
        {
            return $"The database file '{path}' cannot be read: {e.Message}";
        }
    }
}
