using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Sessions;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Domain.Sessions;

/// <summary>A group offering ("Clase de barbería", 2 h, up to <c>capacity</c> people) offered by the test agenda's first barber.</summary>
public static class SessionTestSupport
{
    public static SessionService Sessions(this TestDatabase database) => database.Services.GetRequiredService<SessionService>();

    public static async Task<Offering> AddClassAsync(TestDatabase database, TestAgenda agenda, int capacity = 5)
    {
        await using var db = database.NewContext();
        var offering = new Offering(agenda.Shop.Id, "Clase de barbería", Duration.FromHours(2), 15000m, capacity: capacity);
        db.Offerings.Add(offering);
        var barber = await db.Providers.Include(p => p.Offerings).SingleAsync(p => p.Id == agenda.Barber.Id);
        barber.Offer(offering);
        await db.SaveChangesAsync();
        return offering;
    }

    /// <summary>Opens a session of <paramref name="offering"/> with the test barber (as the owner) at <paramref name="start"/>.</summary>
    public static async Task<GroupSession> OpenAsync(TestDatabase database, TestAgenda agenda, Offering offering, Instant start, int? capacity = null)
    {
        var result = await database.Sessions().OpenAsync(new NewSession(agenda.Barber.Id, offering.Id, start, capacity), Actor.Owner(TestAgenda.OwnerUserId));
        Assert.True(result.Succeeded, result.Error?.ToString());
        return result.Value!;
    }

    public static async Task<int> ParticipantsInDbAsync(TestDatabase database, Guid sessionId)
    {
        await using var db = database.NewContext();
        return await db.Bookings.ThatAreActive().CountAsync(b => b.SessionId == sessionId);
    }
}
