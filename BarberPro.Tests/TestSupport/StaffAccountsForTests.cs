using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.TestSupport;

/// <summary>A shop made on the spot with its owner and one barber, each with a password (for two-factor tests).</summary>
public sealed record TestShop(Guid ShopId, string OwnerId, string OwnerEmail, string BarberEmail);

/// <summary>Staff accounts made directly through the app's services (Identity, the shop settings service), with <see cref="Password"/>.</summary>
public static class StaffAccountsForTests
{
    public const string Password = "Segura-2026";

    /// <summary>A user with <paramref name="roles"/> and <see cref="Password"/>; returns its id and email.</summary>
    public static async Task<(string Id, string Email)> NewUserAsync(IServiceProvider services, string name, params string[] roles)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{name}-{Guid.NewGuid():N}@example.com";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name, PhoneNumber = "+5491123456789" };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        foreach (var role in roles)
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (user.Id, email);
    }

    /// <summary>A new shop with an owner and a barber; when <paramref name="requireTwoFactor"/>, the owner turns the requirement on.</summary>
    public static async Task<TestShop> NewShopAsync(IServiceProvider services, string name, bool requireTwoFactor)
    {
        var owner = await NewUserAsync(services, name + "-owner", Roles.Owner);
        var barber = await NewUserAsync(services, name + "-barber", Roles.Provider);
        var shop = new Shop("Local " + name, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 13)]);
        shop.AssignOwner(owner.Id);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
            db.Shops.Add(shop);
            db.Providers.Add(new Provider(shop.Id, "Barbero " + name, barber.Id));
            await db.SaveChangesAsync();
        }
        if (requireTwoFactor)
        {
            var result = await services.GetRequiredService<ShopSettingsService>()
                .RequireStaffTwoFactorAsync(shop.Id, true, new Actor(owner.Id, ActorRole.Owner));
            Assert.True(result.Succeeded);
        }
        return new TestShop(shop.Id, owner.Id, owner.Email, barber.Email);
    }

    /// <summary>Sets up two-factor sign-in for the user as the security page does; returns the key and the recovery codes.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        return (key, codes);
    }
}
