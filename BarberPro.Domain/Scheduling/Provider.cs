using BarberPro.Domain.Catalog;
using BarberPro.Domain.Common;
using BarberPro.Domain.Shops;
using NodaTime;

namespace BarberPro.Domain.Scheduling;

/// <summary>A person whose time is booked (a barber today; a psychologist or doctor tomorrow).</summary>
public sealed class Provider
{
    private readonly List<WorkingInterval> _workingHours = [];
    private readonly List<TimeOff> _timeOff = [];
    private readonly List<DateOverride> _overrides = [];
    private readonly List<Offering> _offerings = [];

    public const int MaxNameLength = 80;
    /// <summary>The longest reason of a time off and note of a special date.</summary>
    public const int MaxNoteLength = 200;

    private Provider() { }

    public Provider(Guid shopId, string displayName, string? userId = null)
    {
        Id = Guid.CreateVersion7();
        ShopId = shopId;
        UserId = userId;
        Rename(displayName);
        Active = true;
        Calendar = new ProviderCalendar(Id);
    }

    public Guid Id { get; private set; }
    public Guid ShopId { get; private set; }
    public Shop? Shop { get; private set; }
    /// <summary>The Identity user id of the provider's account, when they have one.</summary>
    public string? UserId { get; private set; }
    public string DisplayName { get; private set; } = "";
    public string? PhotoUrl { get; private set; }
    public bool Active { get; private set; }

    /// <summary>The barber asked to be told when a customer books, moves or cancels in their agenda (off by default).</summary>
    public bool NotifyAgendaChanges { get; private set; }

    /// <summary>No staff messages between these local times (e.g. 22:00 to 08:00; they wait until the end); null for none.</summary>
    public LocalTime? QuietFrom { get; private set; }
    public LocalTime? QuietTo { get; private set; }

    /// <summary>Opts in or out of agenda-change messages, with optional quiet hours (both or neither).</summary>
    public void ChangeStaffNotifications(bool notify, LocalTime? quietFrom, LocalTime? quietTo)
    {
        if ((quietFrom is null) != (quietTo is null) || (quietFrom is { } f && quietTo is { } t && f == t))
            throw new Common.DomainException(new("provider.quiet_hours", "Indicá el horario de silencio completo (desde y hasta), con horas distintas.", "QuietFrom"));
        NotifyAgendaChanges = notify;
        QuietFrom = quietFrom;
        QuietTo = quietTo;
    }
    public ProviderCalendar? Calendar { get; private set; }

    public IReadOnlyList<WorkingInterval> WorkingHours => _workingHours;
    public IReadOnlyList<TimeOff> TimeOff => _timeOff;
    public IReadOnlyList<DateOverride> Overrides => _overrides;
    public IReadOnlyList<Offering> Offerings => _offerings;

    public void Rename(string displayName)
    {
        displayName = PlainText.Name(displayName);
        if (displayName.Length is < 2 or > MaxNameLength)
            throw new DomainException(new("provider.name", $"El nombre debe tener entre 2 y {MaxNameLength} caracteres.", nameof(DisplayName)));
        DisplayName = displayName;
    }

    public void LinkUser(string userId) => UserId = userId;
    public void Deactivate() => Active = false;
    public void Activate() => Active = true;

    public void Offer(Offering offering)
    {
        if (offering.ShopId != ShopId)
            throw new DomainException(new("provider.offering_shop", "El servicio pertenece a otro local."));
        if (_offerings.All(o => o.Id != offering.Id))
            _offerings.Add(offering);
    }

    public void StopOffering(Guid offeringId) => _offerings.RemoveAll(o => o.Id == offeringId);

    public bool Offers(Guid offeringId) => _offerings.Any(o => o.Id == offeringId);

    /// <summary>Replaces the weekly hours; several intervals per weekday are allowed, but they may not overlap.</summary>
    public void SetWeeklyHours(IEnumerable<(IsoDayOfWeek Day, LocalTimeRange Range)> hours)
    {
        var list = hours.ToList();
        foreach (var day in list.GroupBy(h => h.Day))
            EnsureValid(day.Select(d => d.Range));
        _workingHours.Clear();
        _workingHours.AddRange(list.Select(h => new WorkingInterval(Id, h.Day, h.Range.Start, h.Range.End)));
    }

    /// <summary>Replaces what happens on one date: closed (no ranges) or open in the given ranges instead of the weekly hours.</summary>
    public void SetOverride(LocalDate date, IReadOnlyCollection<LocalTimeRange> ranges, string? note = null)
    {
        EnsureValid(ranges);
        note = CleanNote(note, "provider.override_note", "La nota puede tener hasta {0} caracteres.", "Note");
        _overrides.RemoveAll(o => o.Date == date);
        if (ranges.Count == 0)
            _overrides.Add(DateOverride.Closed(Id, date, note));
        else
            _overrides.AddRange(ranges.Select(r => DateOverride.Open(Id, date, r, note)));
    }

    public void ClearOverride(LocalDate date) => _overrides.RemoveAll(o => o.Date == date);

    public TimeOff AddTimeOff(LocalDateTime start, LocalDateTime end, string? reason)
    {
        if (start >= end)
            throw new DomainException(new("provider.time_off_range", "El fin del bloqueo debe ser posterior a su inicio.", "End"));
        reason = CleanNote(reason, "provider.time_off_reason", "El motivo puede tener hasta {0} caracteres.", "Reason");
        var timeOff = new TimeOff(Id, start, end, reason);
        _timeOff.Add(timeOff);
        return timeOff;
    }

    public void RemoveTimeOff(Guid timeOffId) => _timeOff.RemoveAll(t => t.Id == timeOffId);

    private static string? CleanNote(string? text, string code, string message, string field)
    {
        text = PlainText.Name(text);
        if (text.Length > MaxNoteLength)
            throw new DomainException(new(code, string.Format(System.Globalization.CultureInfo.InvariantCulture, message, MaxNoteLength), field));
        return text.Length == 0 ? null : text;
    }

    private static void EnsureValid(IEnumerable<LocalTimeRange> ranges)
    {
        var sorted = ranges.OrderBy(r => r.Start).ToList();
        if (sorted.Any(r => !r.IsValid))
            throw new DomainException(new("provider.hours_range", "Cada franja horaria debe terminar después de empezar.", "Hours"));
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i - 1].Overlaps(sorted[i]))
                throw new DomainException(new("provider.hours_overlap", $"Las franjas {sorted[i - 1]} y {sorted[i]} se superponen.", "Hours"));
        }
    }
}

/// <summary>One interval of a provider's regular week, in the shop's local time.</summary>
public sealed class WorkingInterval
{
    private WorkingInterval() { }

    internal WorkingInterval(Guid providerId, IsoDayOfWeek day, LocalTime start, LocalTime end)
    {
        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        Day = day;
        Start = start;
        End = end;
    }

    public Guid Id { get; private set; }
    public Guid ProviderId { get; private set; }
    public IsoDayOfWeek Day { get; private set; }
    public LocalTime Start { get; private set; }
    public LocalTime End { get; private set; }
    public LocalTimeRange Range => new(Start, End);
}

/// <summary>A span when the provider is unavailable (vacation, a blocked hour), in the shop's local time.</summary>
public sealed class TimeOff
{
    private TimeOff() { }

    internal TimeOff(Guid providerId, LocalDateTime start, LocalDateTime end, string? reason)
    {
        Id = Guid.CreateVersion7();
        ProviderId = providerId;
        Start = start;
        End = end;
        Reason = reason;
    }

    public Guid Id { get; private set; }
    public Guid ProviderId { get; private set; }
    public LocalDateTime Start { get; private set; }
    public LocalDateTime End { get; private set; }
    public string? Reason { get; private set; }
}

/// <summary>
/// Replaces the weekly hours on one date. All rows of a date together say what the day is:
/// one row with no times means closed; rows with times are the day's working intervals.
/// </summary>
public sealed class DateOverride
{
    private DateOverride() { }

    public Guid Id { get; private set; }
    public Guid ProviderId { get; private set; }
    public LocalDate Date { get; private set; }
    public LocalTime? Start { get; private set; }
    public LocalTime? End { get; private set; }
    public string? Note { get; private set; }
    public bool IsClosed => Start is null;

    internal static DateOverride Closed(Guid providerId, LocalDate date, string? note) =>
        new() { Id = Guid.CreateVersion7(), ProviderId = providerId, Date = date, Note = note };

    internal static DateOverride Open(Guid providerId, LocalDate date, LocalTimeRange range, string? note) =>
        new() { Id = Guid.CreateVersion7(), ProviderId = providerId, Date = date, Start = range.Start, End = range.End, Note = note };
}
