using BarberPro.Domain.Accounts;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace BarberPro.Web.Features.Demo;

/// <summary>
/// Creates the roles, the demo accounts (one password, Demo:Password; the past clients of <see cref="DemoClients"/> get none)
/// and the "BarberPro Palermo" shop, then the practices of <see cref="DemoPractices"/> with their owners and professionals.
/// Runs at start-up in Development or when Demo:Seed is true; every step is skipped when already done.
/// </summary>
public sealed class DemoSeeder(IServiceScopeFactory scopes, IConfiguration configuration, IClock clock, ILogger<DemoSeeder> logger)
{
    public const string Domain = "barberpro.local";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        var password = configuration["Demo:Password"] ?? "BarberPro2026!";

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }

        var owner = await EnsureUserAsync(users, "owner", "Dueña Demo", "11 5555-0001", password, Roles.Owner);
        var barbers = new List<AppUser>();
        string[] barberNames = ["Diego Barbero", "Fede Barbero", "Nacho Barbero"];
        for (var i = 0; i < 3; i++)
            barbers.Add(await EnsureUserAsync(users, $"barbero{i + 1}", barberNames[i], $"11 5555-001{i + 1}", password, Roles.Provider));
        var customer = await EnsureUserAsync(users, "cliente", "Cliente Demo", "11 5555-0101", password, Roles.Customer);
        await EnsureUserAsync(users, "admin", "Admin Demo", "11 5555-0002", password, Roles.Admin);
        var clients = new List<DemoClient>();
        foreach (var (emailName, fullName, phone) in DemoClients.All)
        {
            var client = await EnsureUserAsync(users, emailName, fullName, phone, password: null, Roles.Customer);
            clients.Add(new DemoClient(client.Id, fullName, client.Email!, phone));
        }

        var seeded = await DemoShop.SeedAsync(db,
            new DemoAccounts(owner.Id, barbers.Select(b => b.Id).ToList(), customer.Id, customer.Email!, clients),
            clock.GetCurrentInstant(), ct);
        if (seeded)
            logger.LogInformation("Demo shop '{Slug}' seeded; sign in as owner@{Domain} etc. with the demo password.", DemoShop.Slug, Domain);
        await SeedPracticesAsync(users, db, password, customer.Id, ct);
    }

    /// <summary>"Consultorio Belgrano" and "Centro Médico Caballito", each with its owner and professionals (README lists the accounts).</summary>
    private async Task SeedPracticesAsync(UserManager<AppUser> users, BarberProDbContext db, string password, string customerUserId, CancellationToken ct)
    {
        var psychologyOwner = await EnsureUserAsync(users, "consultorio", "Dueña Consultorio Belgrano", "11 5555-0003", password, Roles.Owner);
        var psychologists = new List<AppUser>();
        for (var i = 0; i < DemoPractices.Psychologists.Length; i++)
            psychologists.Add(await EnsureUserAsync(users, $"psicologo{i + 1}", DemoPractices.Psychologists[i], $"11 5555-002{i + 1}", password, Roles.Provider));
        if (await DemoPractices.SeedPsychologistAsync(db,
                new DemoPracticeAccounts(psychologyOwner.Id, psychologists.Select(p => p.Id).ToList(), customerUserId), clock.GetCurrentInstant(), ct))
            logger.LogInformation("Demo practice '{Slug}' seeded.", DemoPractices.PsychologistSlug);

        var medicalOwner = await EnsureUserAsync(users, "centromedico", "Dueño Centro Médico Caballito", "11 5555-0004", password, Roles.Owner);
        var doctors = new List<AppUser>();
        for (var i = 0; i < DemoPractices.Doctors.Length; i++)
            doctors.Add(await EnsureUserAsync(users, $"medico{i + 1}", DemoPractices.Doctors[i], $"11 5555-003{i + 1}", password, Roles.Provider));
        if (await DemoPractices.SeedDoctorAsync(db,
                new DemoPracticeAccounts(medicalOwner.Id, doctors.Select(d => d.Id).ToList(), customerUserId), clock.GetCurrentInstant(), ct))
            logger.LogInformation("Demo practice '{Slug}' seeded.", DemoPractices.DoctorSlug);
    }

    /// <summary>The account, created when missing; without <paramref name="password"/> it can never sign in (the demo's past clients).</summary>
    private static async Task<AppUser> EnsureUserAsync(UserManager<AppUser> users, string name, string fullName, string phone, string? password, string role)
    {
        var email = $"{name}@{Domain}";
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, PhoneNumber = ArgentinePhone.Normalize(phone) };
            var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
        if (!await users.IsInRoleAsync(user, role))
            await users.AddToRoleAsync(user, role);
        return user;
    }
}
