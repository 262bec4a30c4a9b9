using BarberPro.Domain.Bookings;
using BarberPro.Domain.Common;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BarberPro.Domain.Accounts;

/// <summary>What an owner fills in to add a provider with an account.</summary>
public sealed record NewProviderAccount(string FullName, string Email, string Phone, string Password, IReadOnlyCollection<Guid> OfferingIds);

/// <summary>
/// Owners create provider accounts: the Identity user, its Provider role and the <see cref="Provider"/> (with its
/// calendar row and offerings) in one transaction.
/// </summary>
/// <param name="db">The request's context, the same one Identity's stores use.</param>
public sealed class StaffAccounts(UserManager<AppUser> users, BarberProDbContext db)
{
    public async Task<Result<Provider>> CreateProviderAsync(Guid shopId, NewProviderAccount input, Actor actor, CancellationToken ct = default)
    {
        var shop = await db.Shops.SingleOrDefaultAsync(s => s.Id == shopId, ct);
        if (shop is null || !Access.CanRunShop(actor, shop))
            return Result<Provider>.NotFound();
        var email = input.Email?.Trim() ?? "";
        if (email.Length > Customer.MaxEmailLength || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email)
            return new DomainError("account.email", "Ingresá un email válido, por ejemplo nombre@correo.com.", "Email");
        if (await users.FindByEmailAsync(email) is not null)
            return new DomainError("account.email_taken", "Ya existe una cuenta con ese email.", "Email");
        if (!ArgentinePhone.TryNormalize(input.Phone, out var phone, out var phoneError))
            return phoneError!;

        Provider provider;
        try
        {
            provider = new Provider(shop.Id, input.FullName);
        }
        catch (DomainException e)
        {
            return e.Error;
        }
        var offerings = await db.Offerings.Where(o => o.ShopId == shop.Id && input.OfferingIds.Contains(o.Id)).ToListAsync(ct);
        if (offerings.Count != input.OfferingIds.Distinct().Count())
            return new DomainError("provider.offering_unknown", "Alguno de los servicios no existe en este local.", "ServiceIds");
        foreach (var offering in offerings)
            provider.Offer(offering);

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = provider.DisplayName, PhoneNumber = phone };
        var password = input.Password ?? "";
        if (await NewAccountPassword.ProblemsAsync(users, user, password) is { Count: > 0 } weak)
            return new DomainError("account.password", string.Join(" ", weak.Select(e => e.Description)), "Password");
        NewAccountPassword.Hash(users, user, password);

        // Under the provider's execution strategy (see CustomerRegistration). Not cleared on a retry: the shop, the
        // offerings read above and the user stay tracked as they are, so adding them again does not add them twice.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
                return (Result<Provider>)new DomainError("account.password", string.Join(" ", created.Errors.Select(e => e.Description)), "Password");
            var role = await users.AddToRoleAsync(user, Roles.Provider);
            if (!role.Succeeded)
                return new DomainError("account.role", string.Join(" ", role.Errors.Select(e => e.Description)));
            provider.LinkUser(user.Id);
            db.Providers.Add(provider);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return Result<Provider>.Ok(provider);
        }, ct);
    }
}
