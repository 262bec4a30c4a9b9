using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Accounts;

/// <summary>The app with Identity's hasher wrapped in one that, while it hashes, tries a write of its own.</summary>
public sealed class WriteProbingHasherApp : ApiWebApp
{
    public WriteProbingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IPasswordHasher<AppUser>>(sp =>
        {
            Hasher.Factory = sp.GetRequiredService<IDbContextFactory<BarberProDbContext>>();
            return Hasher;
        }));
    }
}

/// <summary>
/// Identity's hasher; while armed, each hash first runs a one-statement write on another context and records whether it
/// went through within two seconds (it cannot while a transaction holds SQLite's one writer).
/// </summary>
public sealed class WriteProbingHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    public IDbContextFactory<BarberProDbContext>? Factory { get; set; }
    public bool Armed { get; set; }
    public List<bool> WritesThroughWhileHashing { get; } = [];

    public string HashPassword(AppUser user, string password)
    {
        if (Armed && Factory is { } factory)
        {
            var write = Task.Run(async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                await db.Database.ExecuteSqlRawAsync("UPDATE \"Shops\" SET \"Name\" = \"Name\" WHERE 1 = 0");
            });
            lock (WritesThroughWhileHashing)
                WritesThroughWhileHashing.Add(write.Wait(TimeSpan.FromSeconds(2)));
        }
        return _inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword) =>
        _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
}

/// <summary>
/// A password hash costs tens of milliseconds of CPU (Identity's PBKDF2). Opening an account hashes it before the
/// account's transaction begins, never inside it: on SQLite a transaction holds the database's one writer, so a hash
/// inside it stopped every booking of every shop for that long (64 sign-ups at once held bookings for 3.6 s in the load
/// suite).
/// </summary>
public sealed class PasswordHashingTests(WriteProbingHasherApp app) : IClassFixture<WriteProbingHasherApp>
{
    [Fact]
    public async Task ACustomerSigningUp_DoesNotHoldTheDatabaseWriterWhileTheirPasswordIsHashed()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var registration = scope.ServiceProvider.GetRequiredService<CustomerRegistration>();

        var (user, errors) = await ProbingAsync(() => registration.RegisterAsync(
            new CustomerSignUp("Lucía Gómez", $"lucia-{Guid.NewGuid():N}@example.com", "11 2345-6789", "Segura-2026")));

        Assert.Empty(errors);
        Assert.NotNull(user);
        Assert.Equal([true], app.Hasher.WritesThroughWhileHashing);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(user.Id))!, "Segura-2026"));
        Assert.True(await users.IsInRoleAsync(user, Roles.Customer));
    }

    [Fact]
    public async Task AnOwnerAddingABarberWithAnAccount_DoesNotHoldTheDatabaseWriterWhileThePasswordIsHashed()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var email = $"nuevo-{Guid.NewGuid():N}@example.com";

        var created = await ProbingAsync(() => AddBarberAsync(scope, "Nuevo Barbero", email, "Segura-2026"));

        Assert.True(created.Succeeded, created.Error?.Message);
        Assert.Equal([true], app.Hasher.WritesThroughWhileHashing);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email);
        Assert.True(await users.CheckPasswordAsync(user!, "Segura-2026"));
        Assert.True(await users.IsInRoleAsync(user!, Roles.Provider));
    }

    [Fact]
    public async Task AWeakPassword_IsStillRefused_AndNothingIsWritten()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var email = $"debil-{Guid.NewGuid():N}@example.com";

        var created = await AddBarberAsync(scope, "Barbero Débil", email, "abc");

        Assert.Equal("account.password", created.Error?.Code);
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
        Assert.False(await scope.ServiceProvider.GetRequiredService<BarberProDbContext>().Providers.AnyAsync(p => p.DisplayName == "Barbero Débil"));
    }

    /// <summary>The demo shop's owner adds a barber with an account, as the staff page does.</summary>
    private async Task<BarberPro.Domain.Common.Result<BarberPro.Domain.Scheduling.Provider>> AddBarberAsync(AsyncServiceScope scope, string name, string email,
        string password)
    {
        var demo = await app.DemoAsync();
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        var ownerId = await db.Shops.Where(s => s.Id == demo.ShopId).Select(s => s.OwnerUserId).SingleAsync();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateProviderAsync(demo.ShopId,
            new NewProviderAccount(name, email, "11 2345-6789", password, [demo.Corte]), new Actor(ownerId!, ActorRole.Owner));
    }

    private async Task<T> ProbingAsync<T>(Func<Task<T>> work)
    {
        lock (app.Hasher.WritesThroughWhileHashing)
            app.Hasher.WritesThroughWhileHashing.Clear();
        app.Hasher.Armed = true;
        try
        {
            return await work();
        }
        finally
        {
            app.Hasher.Armed = false;
        }
    }
}
