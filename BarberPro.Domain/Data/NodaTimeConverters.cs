using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace BarberPro.Domain.Data;

// Portable storage for NodaTime values and money, the same on SQLite, SQL Server and PostgreSQL.

/// <summary>Instants as 64-bit Unix ticks (100 ns, UTC): they sort and compare as numbers in SQL.</summary>
internal sealed class InstantConverter() : ValueConverter<Instant, long>(
    i => i.ToUnixTimeTicks(), t => Instant.FromUnixTimeTicks(t));

/// <summary>Durations as whole minutes; the domain only allows whole minutes.</summary>
internal sealed class DurationMinutesConverter() : ValueConverter<Duration, int>(
    d => (int)(d.BclCompatibleTicks / NodaConstants.TicksPerMinute), m => Duration.FromMinutes(m));

internal sealed class LocalDateConverter() : ValueConverter<LocalDate, DateOnly>(
    d => d.ToDateOnly(), d => LocalDate.FromDateOnly(d));

internal sealed class LocalTimeConverter() : ValueConverter<LocalTime, TimeOnly>(
    t => t.ToTimeOnly(), t => LocalTime.FromTimeOnly(t));

internal sealed class LocalDateTimeConverter() : ValueConverter<LocalDateTime, DateTime>(
    t => DateTime.SpecifyKind(t.ToDateTimeUnspecified(), DateTimeKind.Unspecified), t => LocalDateTime.FromDateTime(t));

/// <summary>
/// Money as whole centavos (64-bit integers) on every database, so sums and comparisons run in SQL alike (SQLite has no
/// decimal type). The domain only allows amounts with at most two decimals (<see cref="Common.Ars"/>).
/// </summary>
internal sealed class CentavosConverter() : ValueConverter<decimal, long>(
    d => ToCentavos(d), c => c / 100m)
{
    private static long ToCentavos(decimal amount)
    {
        var centavos = amount * 100m;
        return centavos == decimal.Truncate(centavos)
            ? decimal.ToInt64(centavos)
            : throw new InvalidOperationException($"{amount} has fractions of a centavo.");
    }
}
