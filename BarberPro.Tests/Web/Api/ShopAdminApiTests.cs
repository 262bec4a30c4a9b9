using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>POST /api/v1/shops over real HTTP: an admin opens a shop with its vertical's defaults and gives it to an owner.</summary>
public sealed class ShopAdminApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Admin = "admin@barberpro.local";

    [Fact]
    public async Task Admin_OpensAPsychologyPractice_ForAnExistingAccount_WithTheVerticalsPolicyAndServices()
    {
        var (ownerId, ownerEmail) = await NewAccountAsync(Roles.Customer);
        using var admin = await app.ClientForAsync(Admin);

        var response = await admin.PostAsJsonAsync("/api/v1/shops", new CreateShopRequest(
            "Consultorio Belgrano Test", null, Vertical.Psychologist, "Av. Cabildo 1234, CABA", "11 4780-1234", ownerEmail, null), ApiWebApp.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CreatedShopResponse>(ApiWebApp.Json))!;
        Assert.Equal("consultorio-belgrano-test", created.Shop.Slug);
        Assert.Equal("psychologist", created.Shop.Vertical);
        Assert.Equal(ownerId, created.OwnerUserId);
        Assert.False(created.OwnerInvited);
        Assert.Equal($"/api/v1/shops/{created.Shop.Id}", response.Headers.Location!.OriginalString);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == created.Shop.Id);
        Assert.Equal(VerticalProfile.Psychologist.DefaultPolicy, shop.Policy);
        Assert.Equal(ownerId, shop.OwnerUserId);
        Assert.Equal("Av. Cabildo 1234, CABA", shop.Address);
        var offerings = await db.Offerings.AsNoTracking().Where(o => o.ShopId == shop.Id).ToListAsync();
        Assert.Equal(
            VerticalProfile.Psychologist.Services.Select(t => (t.Name, t.Duration, t.Price, t.BufferAfter)).OrderBy(t => t.Name),
            offerings.Select(o => (o.Name, o.Duration, o.Price, o.BufferAfter)).OrderBy(t => t.Name));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var owner = (await users.FindByIdAsync(ownerId))!;
        Assert.True(await users.IsInRoleAsync(owner, Roles.Owner));
        Assert.True(await users.IsInRoleAsync(owner, Roles.Customer));
        Assert.False(await db.Notifications.AnyAsync(n => n.Recipient == ownerEmail));
        // The public endpoint now lists the shop and its services.
        using var anonymous = app.Client();
        var detail = (await anonymous.GetFromJsonAsync<ShopDetail>($"/api/v1/shops/{created.Shop.Slug}", ApiWebApp.Json))!;
        Assert.Equal(["Primera consulta", "Sesión individual"], detail.Services.Select(s => s.Name).Order());
    }

    [Fact]
    public async Task Admin_OpensAMedicalOffice_ForSomeoneWithoutAnAccount_WhoIsInvitedByEmail()
    {
        var email = $"nueva-duena-{Guid.NewGuid():N}@example.com";
        using var admin = await app.ClientForAsync(Admin);

        var response = await admin.PostAsJsonAsync("/api/v1/shops", new CreateShopRequest(
            "Centro Médico Prueba", $"medico-{Guid.NewGuid():N}"[..20], Vertical.Doctor, null, null, email, "Dra. Ana Gómez"), ApiWebApp.Json);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<CreatedShopResponse>(ApiWebApp.Json))!;
        Assert.True(created.OwnerInvited);
        Assert.Equal(VerticalProfile.Doctor.Services.Count, created.ServiceCount);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var owner = (await users.FindByEmailAsync(email))!;
        Assert.Equal(created.OwnerUserId, owner.Id);
        Assert.Equal("Dra. Ana Gómez", owner.FullName);
        Assert.False(await users.HasPasswordAsync(owner));
        Assert.Equal([Roles.Owner], await users.GetRolesAsync(owner));
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        var shop = await db.Shops.AsNoTracking().SingleAsync(s => s.Id == created.Shop.Id);
        Assert.True(shop.Policy.RequiresPatientDetails);
        var mail = await db.Notifications.AsNoTracking().SingleAsync(n => n.Recipient == email);
        Assert.Equal(NotificationChannel.Email, mail.Channel);
        Assert.Contains("Centro Médico Prueba", mail.Subject);
        Assert.StartsWith($"invite:{owner.Id}:", mail.Key);
        // The link itself is followed end to end in E2E/ShopCreationTests (the sender removes it from the stored copy once sent).
    }

    [Fact]
    public async Task ASlugInUse_ABadEmail_OrAMissingName_Are422_AndNothingIsCreated()
    {
        using var admin = await app.ClientForAsync(Admin);
        var email = $"nadie-{Guid.NewGuid():N}@example.com";
        var before = await ShopCountAsync();

        var taken = await admin.PostAsJsonAsync("/api/v1/shops", new CreateShopRequest("Otra Palermo", "barberpro-palermo", Vertical.Barber, null, null, email, null), ApiWebApp.Json);
        var badEmail = await admin.PostAsJsonAsync("/api/v1/shops", new CreateShopRequest("Local Nuevo", null, Vertical.Barber, null, null, "no-es-un-email", null), ApiWebApp.Json);
        var noName = await admin.PostAsJsonAsync("/api/v1/shops", new CreateShopRequest("", "sin-nombre", Vertical.Barber, null, null, email, null), ApiWebApp.Json);

        var problem = await ProblemAssert.IsValidationAsync(taken, "slug");
        Assert.Equal(ShopAdministration.SlugTakenCode, problem.GetProperty("code").GetString());
        Assert.Equal("Ya hay un local con ese identificador. Elegí otro.", problem.GetProperty("detail").GetString());
        Assert.Equal("account.email", (await ProblemAssert.IsValidationAsync(badEmail, "ownerEmail")).GetProperty("code").GetString());
        Assert.Equal("shop.name", (await ProblemAssert.IsValidationAsync(noName, "name")).GetProperty("code").GetString());
        Assert.Equal(before, await ShopCountAsync());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task AnOwner_ACustomer_OrABarber_Get403_AnonymousGets401_AndNothingIsCreated()
    {
        var before = await ShopCountAsync();
        var email = $"colado-{Guid.NewGuid():N}@example.com";
        var request = new CreateShopRequest("Local Colado", null, Vertical.Barber, null, null, email, null);
        foreach (var who in new[] { "owner@barberpro.local", "cliente@barberpro.local", "barbero1@barberpro.local" })
        {
            using var client = await app.ClientForAsync(who);
            var problem = await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/api/v1/shops", request, ApiWebApp.Json), HttpStatusCode.Forbidden);
            Assert.Equal(ShopAdministration.AdminOnlyCode, problem.GetProperty("code").GetString());
        }
        using var anonymous = app.Client();
        await ProblemAssert.IsProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/shops", request, ApiWebApp.Json), HttpStatusCode.Unauthorized);

        Assert.Equal(before, await ShopCountAsync());
        await using var scope = app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email));
    }

    [Theory]
    [InlineData("Peluquería Ñandú", "peluqueria-nandu")]
    [InlineData("  BarberPro   Palermo  II ", "barberpro-palermo-ii")]
    [InlineData("Consultorio Dr. García & Asoc.", "consultorio-dr-garcia-asoc")]
    public void SuggestSlug_DropsAccentsAndJoinsWordsWithHyphens(string name, string slug) =>
        Assert.Equal(slug, ShopAdministration.SuggestSlug(name));

    private async Task<int> ShopCountAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BarberProDbContext>().Shops.CountAsync();
    }

    private async Task<(string Id, string Email)> NewAccountAsync(string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"cuenta-{Guid.NewGuid():N}@example.com";
        var user = new AppUser { UserName = email, Email = email, FullName = "Laura Pérez" };
        Assert.True((await users.CreateAsync(user, ApiWebApp.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (user.Id, email);
    }
}
