using System.Reflection;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// Issue 7's blocker on the demo data: Nacho works a Sunday (normally closed) 20:00–23:59 as a special date, with a
/// booking at 23:15 and a 20-minute beard trim at 22:00; the next Monday (closed every week) still has a booking from
/// when it was open. Every staff page of his, and the owner's shop agenda, show them — and the server's memory stays
/// bounded while they render (before the fix the grid looped past 23:00 forever). Its own app: it moves the clock.
/// </summary>
public sealed class LateAgendaTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocalDate Sunday = new(2026, 12, 13);
    private static readonly LocalDate Monday = new(2026, 12, 14);

    /// <summary>Generous: a page render takes a few MB; the runaway grid took gigabytes within seconds.</summary>
    private const long MemoryBound = 256L * 1024 * 1024;

    [Fact]
    public async Task BarberOpenUntil2359_WithABookingAt2315_EveryStaffPageShowsIt_AndMemoryStaysBounded()
    {
        var (late, beard, closedDay) = await ArrangeAsync();
        var before = GC.GetTotalMemory(forceFullCollection: true);

        // The barber's day on his phone: the grid reaches midnight and the 23:15 booking sits inside it.
        var barber = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(barber, "barbero3@barberpro.local");
        var agenda = new AgendaPageObject(barber);
        await agenda.OpenAsync(Sunday);
        await ExpectInsideAsync(agenda.Booking(late), barber.Locator($".column[data-column='{Sunday:yyyy-MM-dd}']"));
        await Expect(barber.Locator(".hour").Last).ToHaveTextAsync("23:00");
        await Expect(agenda.Closed).ToHaveCountAsync(0);
        // A 20-minute block names its service.
        await Expect(agenda.Booking(beard).Locator(".what")).ToHaveTextAsync("Barba");
        await Expect(agenda.Booking(beard).Locator(".what")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(barber, "20-agenda-until-midnight-phone");

        // Paging keeps the day in the address; the closed Monday says so and still shows its booking, also after a reload.
        await agenda.NextAsync();
        await BrowserFixture.ExpectUrlAsync(barber, $"dia={Monday:yyyy-MM-dd}");
        await Expect(agenda.Closed).ToHaveTextAsync("Cerrado");
        await Expect(agenda.Booking(closedDay)).ToBeVisibleAsync();
        await barber.ReloadAsync();
        await Expect(agenda.Closed).ToHaveTextAsync("Cerrado");
        await Expect(agenda.Booking(closedDay)).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(barber, "21-agenda-closed-day-phone");

        // The week on a phone: a list of days, names readable without scrolling sideways.
        await agenda.OpenAsync(Sunday, week: true);
        await Expect(agenda.Entry(late)).ToBeVisibleAsync();
        await Expect(agenda.Entry(late)).ToContainTextAsync("23:15");
        Assert.True(await barber.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the week scrolls sideways on a phone");
        await BrowserFixture.ScreenshotAsync(barber, "22-agenda-week-phone");
        await agenda.NextAsync();
        await BrowserFixture.ExpectUrlAsync(barber, $"dia={Sunday.PlusDays(7):yyyy-MM-dd}", "vista=semana");

        // The week on a desktop: seven columns, Sunday's reaching midnight.
        var desk = await browser.NewPageAsync(phone: false);
        await BrowserFixture.SignInAsync(desk, "barbero3@barberpro.local");
        var deskAgenda = new AgendaPageObject(desk);
        await deskAgenda.OpenAsync(Sunday, week: true);
        await ExpectInsideAsync(deskAgenda.Booking(late), desk.Locator($".column[data-column='{Sunday:yyyy-MM-dd}']"));

        // Today (the app's clock is that Sunday at 21:00): the next customer first, the 23:15 one in the list.
        await BrowserFixture.GoToInteractiveAsync(barber, "/agenda/hoy");
        await Expect(barber.Locator("#next-customer")).ToContainTextAsync("22:00");
        await Expect(barber.Locator(".mud-list").GetByText("23:15")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(barber, "23-barber-today-late-phone");

        // The owner's shop agenda of that Sunday: Nacho's column reaches midnight, the other barbers are closed.
        var owner = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(owner, "owner@barberpro.local");
        var shop = new ShopAgendaPageObject(owner);
        await shop.OpenAsync(Sunday);
        await ExpectInsideAsync(shop.Booking(late), shop.Column(await ProviderIdAsync("Nacho")));
        await Expect(owner.Locator(".column-title .closed-tag")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(owner, "24-owner-shop-agenda-late-phone");
        await shop.NextAsync();
        await BrowserFixture.ExpectUrlAsync(owner, $"dia={Monday:yyyy-MM-dd}");
        await Expect(shop.Closed).ToHaveTextAsync("Cerrado");
        await Expect(shop.Booking(closedDay)).ToBeVisibleAsync();
        await owner.ReloadAsync();
        await Expect(shop.Booking(closedDay)).ToBeVisibleAsync();

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < MemoryBound, $"the server's managed heap grew by {(after - before) / (1024 * 1024)} MB");
    }

    [Fact]
    public void CircuitLimits_AreConfigured()
    {
        var circuits = browser.App.Services.GetRequiredService<IOptions<CircuitOptions>>().Value;
        Assert.Equal(50, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(TimeSpan.FromMinutes(3), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(TimeSpan.FromSeconds(30), circuits.JSInteropDefaultCallTimeout);
        Assert.Equal(10, circuits.MaxBufferedUnacknowledgedRenderBatches);
        Assert.False(circuits.DetailedErrors);

        // The circuits' own hub (ComponentHub is internal to the framework).
        var componentHub = typeof(CircuitOptions).Assembly.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub", throwOnError: true)!;
        var optionsType = typeof(IOptions<>).MakeGenericType(typeof(HubOptions<>).MakeGenericType(componentHub));
        var options = browser.App.Services.GetRequiredService(optionsType);
        var hub = (HubOptions)optionsType.GetProperty("Value", BindingFlags.Public | BindingFlags.Instance)!.GetValue(options)!;
        Assert.Equal(32 * 1024, hub.MaximumReceiveMessageSize);
        Assert.Equal(1, hub.MaximumParallelInvocationsPerClient);
        Assert.Equal(TimeSpan.FromSeconds(30), hub.ClientTimeoutInterval);
    }

    /// <summary>
    /// Through the domain services, as the owner and the barber would: Sunday opened 20:00–23:59, a corte at 23:15 and a
    /// barba at 22:00; Monday opened 10:00–12:00, a corte at 11:00, then the special date removed (closed again).
    /// The clock moves to Sunday 21:00.
    /// </summary>
    private async Task<(Guid Late, Guid Beard, Guid ClosedDay)> ArrangeAsync()
    {
        var services = browser.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var nacho = await db.Providers.Include(p => p.Shop).SingleAsync(p => p.DisplayName == "Nacho");
        var corte = await db.Offerings.SingleAsync(o => o.Name == "Corte");
        var barba = await db.Offerings.SingleAsync(o => o.Name == "Barba");
        var customer = await db.Customers.FirstAsync(c => c.FullName == "Martín Gómez");
        var owner = Actor.Owner(nacho.Shop!.OwnerUserId!);
        var staff = Actor.Provider(nacho.UserId!);
        var schedule = services.GetRequiredService<ScheduleService>();
        var bookings = services.GetRequiredService<BookingService>();

        browser.App.Clock.Reset(TestAgenda.Local(Sunday.At(new LocalTime(21, 0))));
        Assert.True((await schedule.SetOverrideAsync(nacho.Id, Sunday, [new(new LocalTime(20, 0), new LocalTime(23, 59))], "Noche", owner)).Succeeded);
        Assert.True((await schedule.SetOverrideAsync(nacho.Id, Monday, [new(new LocalTime(10, 0), new LocalTime(12, 0))], null, owner)).Succeeded);

        async Task<Guid> BookAsync(Guid offeringId, LocalDateTime at)
        {
            var outcome = await bookings.BookAsync(new NewBooking(nacho.Id, offeringId, TestAgenda.Local(at), CustomerId: customer.Id), staff);
            return Assert.IsType<BookingOutcome.Succeeded>(outcome).Booking.Id;
        }

        var late = await BookAsync(corte.Id, Sunday.At(new LocalTime(23, 15)));
        var beard = await BookAsync(barba.Id, Sunday.At(new LocalTime(22, 0)));
        var closedDay = await BookAsync(corte.Id, Monday.At(new LocalTime(11, 0)));
        Assert.True((await schedule.ClearOverrideAsync(nacho.Id, Monday, owner)).Succeeded);
        return (late, beard, closedDay);
    }

    private async Task<Guid> ProviderIdAsync(string name)
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        return await db.Providers.Where(p => p.DisplayName == name).Select(p => p.Id).SingleAsync();
    }

    /// <summary>Visible and drawn within its column, not pushed past the grid's bottom edge.</summary>
    private static async Task ExpectInsideAsync(ILocator block, ILocator column)
    {
        await Expect(block).ToBeVisibleAsync();
        var box = await block.BoundingBoxAsync();
        var area = await column.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.NotNull(area);
        Assert.True(box.Y >= area.Y - 1 && box.Y + box.Height <= area.Y + area.Height + 1,
            $"block at {box.Y}+{box.Height} outside its column at {area.Y}+{area.Height}");
    }
}
