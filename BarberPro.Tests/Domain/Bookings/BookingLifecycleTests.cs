using BarberPro.Domain.Bookings;
using static BarberPro.Domain.Bookings.ActorRole;
using static BarberPro.Domain.Bookings.BookingAction;
using static BarberPro.Domain.Bookings.BookingStatus;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// Every status × action × role at three moments, against a table written here from the rules (not read from
/// <see cref="BookingLifecycle"/>): customers cancel or reschedule only before the cancellation window; staff
/// confirm a pending booking, cancel or reschedule at any time, and complete or mark a no-show once it started;
/// completed, cancelled and no-show bookings allow nothing.
/// </summary>
public sealed class BookingLifecycleTests
{
    private static readonly Duration Window = Duration.FromHours(24);
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 8, 13, 0);   // Tuesday 10:00 in Buenos Aires

    public enum Moment
    {
        /// <summary>Two days before the start: outside the 24 h window.</summary>
        WellBefore,
        /// <summary>Two hours before the start: inside the window.</summary>
        InsideWindow,
        /// <summary>Ten minutes after the start.</summary>
        AfterStart,
    }

    [Flags]
    private enum When
    {
        WellBefore = 1,
        InsideWindow = 2,
        AfterStart = 4,
        BeforeWindowOnly = WellBefore,
        AfterStartOnly = AfterStart,
        Always = WellBefore | InsideWindow | AfterStart,
    }

    /// <summary>Every allowed (status, action, role) with its target status and the moments it is allowed at. Anything absent is refused.</summary>
    private static readonly (BookingStatus From, BookingAction Action, ActorRole Role, BookingStatus To, When When)[] Allowed =
    [
        (Pending, Confirm, Customer, Confirmed, When.Always),
        (Pending, Confirm, Provider, Confirmed, When.Always),
        (Pending, Confirm, Owner, Confirmed, When.Always),
        (Pending, Confirm, Admin, Confirmed, When.Always),

        (Pending, Cancel, Customer, Cancelled, When.BeforeWindowOnly),
        (Pending, Cancel, Provider, Cancelled, When.Always),
        (Pending, Cancel, Owner, Cancelled, When.Always),
        (Pending, Cancel, Admin, Cancelled, When.Always),
        (Confirmed, Cancel, Customer, Cancelled, When.BeforeWindowOnly),
        (Confirmed, Cancel, Provider, Cancelled, When.Always),
        (Confirmed, Cancel, Owner, Cancelled, When.Always),
        (Confirmed, Cancel, Admin, Cancelled, When.Always),

        (Pending, Reschedule, Customer, Pending, When.BeforeWindowOnly),
        (Pending, Reschedule, Provider, Pending, When.Always),
        (Pending, Reschedule, Owner, Pending, When.Always),
        (Pending, Reschedule, Admin, Pending, When.Always),
        (Confirmed, Reschedule, Customer, Confirmed, When.BeforeWindowOnly),
        (Confirmed, Reschedule, Provider, Confirmed, When.Always),
        (Confirmed, Reschedule, Owner, Confirmed, When.Always),
        (Confirmed, Reschedule, Admin, Confirmed, When.Always),

        (Pending, Complete, Provider, Completed, When.AfterStartOnly),
        (Pending, Complete, Owner, Completed, When.AfterStartOnly),
        (Pending, Complete, Admin, Completed, When.AfterStartOnly),
        (Confirmed, Complete, Provider, Completed, When.AfterStartOnly),
        (Confirmed, Complete, Owner, Completed, When.AfterStartOnly),
        (Confirmed, Complete, Admin, Completed, When.AfterStartOnly),

        (Pending, MarkNoShow, Provider, NoShow, When.AfterStartOnly),
        (Pending, MarkNoShow, Owner, NoShow, When.AfterStartOnly),
        (Pending, MarkNoShow, Admin, NoShow, When.AfterStartOnly),
        (Confirmed, MarkNoShow, Provider, NoShow, When.AfterStartOnly),
        (Confirmed, MarkNoShow, Owner, NoShow, When.AfterStartOnly),
        (Confirmed, MarkNoShow, Admin, NoShow, When.AfterStartOnly),
    ];

    public static TheoryData<BookingStatus, BookingAction, ActorRole, Moment> EveryCase()
    {
        var data = new TheoryData<BookingStatus, BookingAction, ActorRole, Moment>();
        foreach (var status in Enum.GetValues<BookingStatus>())
        foreach (var action in Enum.GetValues<BookingAction>())
        foreach (var role in Enum.GetValues<ActorRole>())
        foreach (var moment in Enum.GetValues<Moment>())
            data.Add(status, action, role, moment);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void Decide_EveryStatusActionRoleAndMoment_MatchesTheTable(BookingStatus from, BookingAction action, ActorRole role, Moment moment)
    {
        var decision = BookingLifecycle.Decide(from, action, role, Start, NowAt(moment), Window);

        var row = Allowed.SingleOrDefault(r => r.From == from && r.Action == action && r.Role == role);
        var allowed = row != default && row.When.HasFlag(ToWhen(moment));
        Assert.Equal(allowed, decision.Allowed);
        if (allowed)
        {
            Assert.Equal(row.To, decision.To);
            Assert.Null(decision.Error);
        }
        else
        {
            Assert.NotNull(decision.Error);
            Assert.Equal(ExpectedRefusalCode(from, action, role), decision.Error.Code);
            AssertSpanish(decision.Error.Message);
        }
    }

    [Fact]
    public void ExpectedTable_HasNoDuplicateRows_AndCasesCoverEveryCombination()
    {
        Assert.Equal(5 * 5 * 4 * 3, EveryCase().Count());
        Assert.Equal(Allowed.Length, Allowed.Select(r => (r.From, r.Action, r.Role)).Distinct().Count());
    }

    [Theory]
    [InlineData(Completed)]
    [InlineData(Cancelled)]
    [InlineData(NoShow)]
    public void Decide_TerminalStatus_AllowsNothingToAnyone(BookingStatus terminal)
    {
        foreach (var action in Enum.GetValues<BookingAction>())
        foreach (var role in Enum.GetValues<ActorRole>())
        foreach (var moment in Enum.GetValues<Moment>())
        {
            var decision = BookingLifecycle.Decide(terminal, action, role, Start, NowAt(moment), Window);
            Assert.False(decision.Allowed, $"{terminal} {action} by {role} {moment}");
            Assert.Equal("booking.invalid_transition", decision.Error!.Code);
        }
    }

    [Theory]
    [InlineData(Cancel)]
    [InlineData(Reschedule)]
    public void Decide_CustomerExactlyAtWindowBoundary_IsAllowed(BookingAction action)
    {
        var decision = BookingLifecycle.Decide(Confirmed, action, Customer, Start, Start - Window, Window);

        Assert.True(decision.Allowed);
    }

    [Theory]
    [InlineData(Cancel)]
    [InlineData(Reschedule)]
    public void Decide_CustomerOneTickInsideWindow_IsRefused(BookingAction action)
    {
        var decision = BookingLifecycle.Decide(Confirmed, action, Customer, Start, Start - Window + Duration.Epsilon, Window);

        Assert.False(decision.Allowed);
        Assert.Equal("booking.cancellation_window", decision.Error!.Code);
    }

    [Fact]
    public void Cancel_InsideWindow_ByCustomer_IsRefused()
    {
        var decision = BookingLifecycle.Decide(Pending, Cancel, Customer, Start, Start - Duration.FromHours(23), Window);

        Assert.False(decision.Allowed);
        Assert.Equal("booking.cancellation_window", decision.Error!.Code);
        Assert.Contains("24 horas", decision.Error.Message);
    }

    [Fact]
    public void Cancel_InsideWindow_ByProvider_IsAllowed()
    {
        var decision = BookingLifecycle.Decide(Pending, Cancel, Provider, Start, Start - Duration.FromHours(1), Window);

        Assert.True(decision.Allowed);
        Assert.Equal(Cancelled, decision.To);
    }

    [Theory]
    [InlineData(Complete, Completed)]
    [InlineData(MarkNoShow, NoShow)]
    public void Decide_StaffExactlyAtStart_IsAllowed_AndOneTickBefore_IsRefused(BookingAction action, BookingStatus to)
    {
        var atStart = BookingLifecycle.Decide(Confirmed, action, Provider, Start, Start, Window);
        var justBefore = BookingLifecycle.Decide(Confirmed, action, Provider, Start, Start - Duration.Epsilon, Window);

        Assert.True(atStart.Allowed);
        Assert.Equal(to, atStart.To);
        Assert.False(justBefore.Allowed);
        Assert.Equal("booking.not_started", justBefore.Error!.Code);
    }

    [Theory]
    [InlineData(60, "1 hora")]
    [InlineData(120, "2 horas")]
    [InlineData(90, "90 minutos")]
    [InlineData(45, "45 minutos")]
    public void Decide_WindowRefusal_StatesTheWindowInSpanish(int minutes, string expected)
    {
        var window = Duration.FromMinutes(minutes);

        var decision = BookingLifecycle.Decide(Pending, Cancel, Customer, Start, Start - Duration.FromMinutes(1), window);

        Assert.Contains(expected, decision.Error!.Message);
    }

    [Fact]
    public void Decide_ZeroWindow_CustomerMayCancelUntilTheStart()
    {
        Assert.True(BookingLifecycle.Decide(Pending, Cancel, Customer, Start, Start, Duration.Zero).Allowed);
        Assert.False(BookingLifecycle.Decide(Pending, Cancel, Customer, Start, Start + Duration.Epsilon, Duration.Zero).Allowed);
    }

    private static Instant NowAt(Moment moment) => moment switch
    {
        Moment.WellBefore => Start - Duration.FromDays(2),
        Moment.InsideWindow => Start - Duration.FromHours(2),
        Moment.AfterStart => Start + Duration.FromMinutes(10),
        _ => throw new ArgumentOutOfRangeException(nameof(moment)),
    };

    private static When ToWhen(Moment moment) => moment switch
    {
        Moment.WellBefore => When.WellBefore,
        Moment.InsideWindow => When.InsideWindow,
        Moment.AfterStart => When.AfterStart,
        _ => throw new ArgumentOutOfRangeException(nameof(moment)),
    };

    /// <summary>Why a refused case is refused, read from the expected table: no such move, wrong role, or wrong time.</summary>
    private static string ExpectedRefusalCode(BookingStatus from, BookingAction action, ActorRole role)
    {
        if (!Allowed.Any(r => r.From == from && r.Action == action))
            return "booking.invalid_transition";
        if (!Allowed.Any(r => r.From == from && r.Action == action && r.Role == role))
            return "booking.forbidden_action";
        return role == Customer ? "booking.cancellation_window" : "booking.not_started";
    }

    private static readonly string[] EnglishWords =
        ["Pending", "Confirmed", "Completed", "Cancelled", "NoShow", "Confirm", "Cancel", "Reschedule", "Complete", "MarkNoShow"];

    private static void AssertSpanish(string message)
    {
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Contains("turno", message);
        Assert.Matches("confirmar|cancelar|reprogramar|marcar como atendido|marcar como ausente", message);
        foreach (var word in EnglishWords)
            Assert.DoesNotContain(word, message, StringComparison.Ordinal);   // an enum name leaking into the text
    }
}
