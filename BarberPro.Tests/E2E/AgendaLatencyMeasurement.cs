using BarberPro.Domain.Availability;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.E2E.Pages;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BarberPro.Tests.E2E;

/// <summary>
/// Measures the time from a booking's write to its re-render on another open agenda (a barber's week in chromium):
/// 60 bookings and their 60 cancellations, each written through the domain service while the page is open. The
/// browser stamps Date.now() from a MutationObserver the moment the block appears (or changes status); the test
/// stamps the moment it asks for the write with the same machine clock. Results go to test-output/agenda-latency.txt. The only assertion
/// is functional: every change shows up (the issue asks for "within a second"; a 5 s bound avoids flakiness on CI).
/// </summary>
public sealed class AgendaLatencyMeasurement(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const string Observer = """
        () => {
          window.__seen = {};
          const record = () => {
            for (const el of document.querySelectorAll('[data-booking]')) {
              const key = el.getAttribute('data-booking') + ':' + el.getAttribute('data-status');
              if (!(key in window.__seen)) window.__seen[key] = Date.now();
            }
          };
          record();
          new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'data-booking'] });
        }
        """;

    [Fact]
    public async Task WriteToAgendaRerender_MedianAndP95_Over120Changes()
    {
        var services = browser.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var barber = await db.Providers.SingleAsync(p => p.DisplayName == "Nacho");
        var haircut = await db.Offerings.SingleAsync(o => o.Name == "Corte");
        var customer = await db.Customers.SingleAsync(c => c.Email == "cliente@barberpro.local");
        var bookings = services.GetRequiredService<BookingService>();
        var availability = services.GetRequiredService<AvailabilityService>();
        var week = new LocalDate(2026, 12, 29); // past the demo data: an empty week

        var page = await browser.NewPageAsync(phone: false);
        await BrowserFixture.SignInAsync(page, "barbero3@barberpro.local");
        await new AgendaPageObject(page).OpenAsync(week, week: true);
        await page.EvaluateAsync(Observer);

        var starts = new List<Instant>();
        for (var d = week; d < week.PlusDays(5); d = d.PlusDays(1))
            starts.AddRange((await availability.GetSlotsAsync(barber.Id, haircut.Id, d))!.Starts.Where((_, i) => i % 2 == 0));
        Assert.True(starts.Count >= 60, $"only {starts.Count} free starts");

        // Each change is timed from the moment the test asks for it (a barber pressing a button elsewhere), so the figure
        // includes the write itself, the outbox's dispatch and the other page's re-render. (It was timed from the test's
        // own IBookingEvents subscription, but the page can show a booking before that subscriber hears of it: a reload
        // the page started for the previous change reads the next one's committed row before its event is published.)
        var samples = new List<double>();
        foreach (var start in starts.Take(60))
        {
            var asked = Now();
            var booked = await bookings.BookAsync(new NewBooking(barber.Id, haircut.Id, start), Actor.Customer(customer.UserId!));
            var id = Assert.IsType<BookingOutcome.Succeeded>(booked).Booking.Id;
            samples.Add(await SeenAsync(page, $"{id}:Pending") - asked);

            asked = Now();
            await bookings.ApplyAsync(id, BookingAction.Cancel, Actor.Provider(barber.UserId!), "medición");
            samples.Add(await SeenAsync(page, $"{id}:Cancelled") - asked);
        }

        samples.Sort();
        var median = samples[samples.Count / 2];
        var p95 = samples[(int)Math.Ceiling(samples.Count * 0.95) - 1];
        var report = $"write → re-render of another open agenda, {samples.Count} changes: median {median:0} ms, p95 {p95:0} ms, max {samples[^1]:0} ms, min {samples[0]:0} ms";
        output.WriteLine(report);
        var folder = Repository.PathOf("test-output");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "agenda-latency.txt"), report + Environment.NewLine);
        Assert.Equal(120, samples.Count);
    }

    private static double Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static async Task<double> SeenAsync(Microsoft.Playwright.IPage page, string key)
    {
        var handle = await page.WaitForFunctionAsync($"() => window.__seen['{key}']", null, new() { Timeout = 5_000 });
        return await handle.JsonValueAsync<double>();
    }
}
