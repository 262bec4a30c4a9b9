using BarberPro.Domain.Accounts;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.E2E;

/// <summary>What the group-session browser tests add to the demo shop: a class Diego gives, and customers to fill it.</summary>
internal static class GroupClassSetup
{
    /// <summary>"Clase de barbería" (2 h, up to <paramref name="capacity"/> people), offered by Diego, as the owner would set it up.</summary>
    public static async Task<Guid> AddClassAsync(BarberProWebApp app, int capacity = 5)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var diego = await db.Providers.Include(p => p.Offerings).SingleAsync(p => p.DisplayName == "Diego");
        var offering = new Offering(diego.ShopId, "Clase de barbería", Duration.FromHours(2), 15000m, capacity: capacity);
        db.Offerings.Add(offering);
        diego.Offer(offering);
        await db.SaveChangesAsync();
        return offering.Id;
    }

    /// <summary>A customer with an account (no password: the tests act for them through the domain).</summary>
    public static async Task<string> NewCustomerAsync(BarberProWebApp app, string name, string phone)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var userId = Guid.NewGuid().ToString();
        var email = $"{userId}@example.com";
        db.Users.Add(new AppUser { Id = userId, UserName = email, Email = email, FullName = name });
        db.Customers.Add(new Customer(name, phone, email, userId));
        await db.SaveChangesAsync();
        return userId;
    }
}
