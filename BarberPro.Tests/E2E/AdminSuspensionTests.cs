using BarberPro.Domain.Accounts;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BarberPro.Tests.E2E;

/// <summary>The admin's users page on a phone: suspending is its own state, the person is told so, and it can be undone.</summary>
public sealed class AdminSuspensionTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SuspendedText = "Tu cuenta está suspendida. Comunicate con el local.";

    [Fact]
    public async Task Admin_SuspendsACustomer_WhoIsToldWhyAtSignIn_ThenReinstates()
    {
        var email = await NewCustomerAsync();
        var admin = await browser.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, "admin@barberpro.local");
        await BrowserFixture.GoToInteractiveAsync(admin, "/admin/usuarios");
        var row = admin.Locator($"[data-user='{email}']");

        await row.GetByRole(AriaRole.Button, new() { Name = "Suspender" }).ClickAsync();

        await Expect(row.Locator(".state-suspended")).ToHaveTextAsync("Suspendida por un admin");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Reactivar" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(admin, "admin-users-suspended");
        var customer = await browser.NewPageAsync();
        await customer.GotoAsync("/cuenta/ingresar");
        await customer.FillAsync("#email", email);
        await customer.FillAsync("#password", BrowserFixture.DemoPassword);
        await customer.ClickAsync("button[type=submit]");
        await Expect(customer.GetByRole(AriaRole.Alert)).ToHaveTextAsync(SuspendedText);

        await row.GetByRole(AriaRole.Button, new() { Name = "Reactivar" }).ClickAsync();

        await Expect(row.Locator(".state-suspended")).ToHaveCountAsync(0);
        await BrowserFixture.SignInAsync(customer, email);
        Assert.DoesNotContain("/cuenta/ingresar", customer.Url);
    }

    private async Task<string> NewCustomerAsync()
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"aa-e2e-{Guid.NewGuid():N}@example.com";
        var user = new AppUser { UserName = email, Email = email, FullName = "Cliente Suspendible", PhoneNumber = "+5491123456789" };
        Assert.True((await users.CreateAsync(user, BrowserFixture.DemoPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Customer)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        db.Customers.Add(new Customer("Cliente Suspendible", "11 2345-6789", email, user.Id));
        await db.SaveChangesAsync();
        return email;
    }
}
