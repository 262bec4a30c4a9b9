using System.Globalization;
using BarberPro.Domain.Bookings;

namespace BarberPro.Tests.Domain.Bookings;

/// <summary>
/// Live pages subscribe from their circuit (es-AR or English) and are called back from the outbox dispatcher's thread,
/// whose culture is the process default: a re-render started there formatted dates in the dispatcher's culture
/// ("Tuesday, December 8" on a Spanish page) until each handler runs in the culture it subscribed with.
/// </summary>
public sealed class BookingEventsCultureTests
{
    [Fact]
    public async Task EachHandler_RunsInTheCultureItSubscribedWith_NotThePublishers()
    {
        var events = new InProcessBookingEvents();
        var seen = new List<(CultureInfo Culture, CultureInfo UiCulture)>();
        IDisposable spanish, english;
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("es-AR");
            spanish = events.Subscribe(_ => { lock (seen) seen.Add((CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture)); return Task.CompletedTask; });
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("en");
            english = events.Subscribe(_ => { lock (seen) seen.Add((CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture)); return Task.CompletedTask; });

            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            await Task.Run(() => events.PublishAsync(new BookingChange(BookingChangeKind.Created, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
                BookingStatus.Pending, null, null, null, [], NodaTime.Instant.FromUnixTimeSeconds(0))));

            Assert.Equal(CultureInfo.InvariantCulture, CultureInfo.CurrentCulture);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
        using (spanish)
        using (english)
        {
            Assert.Equal(["es-AR", "en"], seen.Select(s => s.Culture.Name).Order().Reverse());
            Assert.All(seen, s => Assert.Equal(s.Culture.Name, s.UiCulture.Name));
        }
    }
}
