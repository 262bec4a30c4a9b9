using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Catalog;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Scheduling;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using BarberPro.Web.Features.Clients;
using CsvHelper;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// Issue 16: the client book over HTTP on the demo shop ("BarberPro Palermo"), through Kestrel with real tokens. Its
/// staff read and change it; a customer gets 403; another shop's owner and barber get the 404 of a client that does not
/// exist, and nothing changes.
/// </summary>
public sealed class ClientBookApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Owner = "owner@barberpro.local";
    private const string Diego = "barbero1@barberpro.local";
    private const string Customer = "cliente@barberpro.local";
    private static readonly LocalDate Wednesday = new(2027, 1, 6);

    private IDbContextFactory<BarberProDbContext> DbFactory => app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>();

    private string Clients(Guid shopId) => $"/api/v1/shops/{shopId}/clients";

    private async Task<Guid> IdOfAsync(string name)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await db.Customers.Where(c => c.FullName == name).Select(c => c.Id).SingleAsync();
    }

    /// <summary>A new shop with its own owner and barber accounts (tokens from the app's issuer) and one client of its own.</summary>
    private async Task<(string OwnerToken, string BarberToken, Guid ShopId, Guid ClientId)> AnotherShopAsync()
    {
        var shop = new Shop("Otra Barbería", "otra-" + Guid.NewGuid().ToString("N")[..8]);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var issuer = scope.ServiceProvider.GetRequiredService<ApiTokenIssuer>();
        async Task<(string Id, string Token)> StaffAsync(string role)
        {
            var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
            var user = new AppUser { UserName = email, Email = email, FullName = role + " B" };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return (user.Id, issuer.Issue(user, [role]).Item1);
        }
        var owner = await StaffAsync(Roles.Owner);
        var barberUser = await StaffAsync(Roles.Provider);
        shop.AssignOwner(owner.Id);
        var barber = new Provider(shop.Id, "Barbero B", barberUser.Id);
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            db.AddRange(shop, barber);
            await db.SaveChangesAsync();
        }
        var client = await app.Services.GetRequiredService<CustomerDirectory>()
            .FindOrAddWalkInAsync(shop.Id, "Cliente de B", "11 4444-3333", Actor.Owner(owner.Id));
        return (owner.Token, barberUser.Token, shop.Id, client.Value!.Id);
    }

    [Fact]
    public async Task Staff_ListTheBook_ByLastVisit_FindAClientByPhoneTypedAnyWay_AndWalkThePages()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        using var diego = await app.ClientForAsync(Diego);

        var first = (await owner.GetFromJsonAsync<ClientListResponse>(Clients(demo.ShopId) + "?limit=5", ApiWebApp.Json))!;
        Assert.Equal(5, first.Items.Count);
        Assert.True(first.Total > 5);
        var visited = first.Items.Where(c => c.LastVisit is not null).Select(c => c.LastVisit!.Value).ToList();
        Assert.Equal(visited.OrderByDescending(v => v), visited);
        Assert.NotNull(first.Next);
        var second = (await owner.GetFromJsonAsync<ClientListResponse>(first.Next, ApiWebApp.Json))!;
        Assert.Equal(2, second.Page);
        Assert.Empty(second.Items.Select(c => c.Id).Intersect(first.Items.Select(c => c.Id)));

        foreach (var typed in new[] { "11 6000-1000", "+54 9 11 6000 1000", "6000 1000" })
        {
            var found = (await diego.GetFromJsonAsync<ClientListResponse>(Clients(demo.ShopId) + "?q=" + Uri.EscapeDataString(typed), ApiWebApp.Json))!;
            var martin = Assert.Single(found.Items);
            Assert.Equal(("Martín Gómez", "+5491160001000", "https://wa.me/5491160001000"), (martin.Name, martin.Phone, martin.WhatsApp));
        }

        // Names as people type them: any case, with or without the accents.
        var byName = (await owner.GetFromJsonAsync<ClientListResponse>(Clients(demo.ShopId) + "?q=lucia%20FERNANDEZ", ApiWebApp.Json))!;
        Assert.Equal(["Lucía Fernández"], byName.Items.Select(c => c.Name));
        var accented = (await owner.GetFromJsonAsync<ClientListResponse>(Clients(demo.ShopId) + "?q=" + Uri.EscapeDataString("MARTÍN GÓMEZ"), ApiWebApp.Json))!;
        Assert.Equal(["Martín Gómez"], accented.Items.Select(c => c.Name));

        var bad = await owner.GetAsync(Clients(demo.ShopId) + "?limit=500");
        await ProblemAssert.IsValidationAsync(bad, "limit");
    }

    [Fact]
    public async Task AClient_ComesWithTheirHistoryAtTheShop()
    {
        var demo = await app.DemoAsync();
        using var diego = await app.ClientForAsync(Diego);
        var id = await IdOfAsync("Lucía Fernández");

        var detail = (await diego.GetFromJsonAsync<ClientDetailResponse>($"{Clients(demo.ShopId)}/{id}", ApiWebApp.Json))!;

        Assert.Equal("Lucía Fernández", detail.Client.Name);
        Assert.Equal(detail.HistoryTotal, detail.History.Count);
        Assert.NotEmpty(detail.History);
        Assert.Equal(detail.History.OrderByDescending(v => v.Start).Select(v => v.BookingId), detail.History.Select(v => v.BookingId));
        Assert.Equal(detail.History.Count(v => v.Status == BookingStatus.Completed), detail.Client.Visits);
        Assert.Equal(detail.History.Where(v => v.Status == BookingStatus.Completed).Sum(v => v.Price), detail.Client.Spent);
        Assert.Equal(TimeSpan.FromHours(-3), detail.History[0].Start.Offset);
    }

    [Fact]
    public async Task ACustomer_GetsForbidden_AndAnotherShopsStaff_GetNotFound_AndNothingChanges()
    {
        var demo = await app.DemoAsync();
        var martin = await IdOfAsync("Martín Gómez");
        var other = await AnotherShopAsync();
        using var customer = await app.ClientForAsync(Customer);
        using var otherOwner = app.Client(other.OwnerToken);
        using var otherBarber = app.Client(other.BarberToken);
        using var owner = await app.ClientForAsync(Owner);

        foreach (var response in new[]
        {
            await customer.GetAsync(Clients(demo.ShopId)),
            await customer.GetAsync($"{Clients(demo.ShopId)}/{martin}"),
            await customer.PutAsJsonAsync($"{Clients(demo.ShopId)}/{martin}/notes", new ClientNotesRequest("x")),
            await customer.GetAsync(Clients(demo.ShopId) + ".csv"),
        })
            await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Forbidden, "client.staff_only");

        var unknown = await owner.GetAsync($"{Clients(demo.ShopId)}/{Guid.NewGuid()}");
        var unknownDetail = (await ProblemAssert.IsProblemAsync(unknown, HttpStatusCode.NotFound)).GetProperty("detail").GetString();
        foreach (var response in new[]
        {
            await otherOwner.GetAsync(Clients(demo.ShopId)),
            await otherBarber.GetAsync(Clients(demo.ShopId)),
            await otherOwner.GetAsync($"{Clients(demo.ShopId)}/{martin}"),
            await otherBarber.GetAsync($"{Clients(demo.ShopId)}/{martin}"),
            await otherOwner.PutAsJsonAsync($"{Clients(demo.ShopId)}/{martin}/notes", new ClientNotesRequest("intruso")),
            await otherBarber.PutAsJsonAsync($"{Clients(demo.ShopId)}/{martin}/online-block", new ClientOnlineBlockRequest(true)),
            await otherOwner.PostAsJsonAsync($"{Clients(demo.ShopId)}/{martin}/merge", new ClientMergeRequest(other.ClientId)),
            await otherOwner.GetAsync(Clients(demo.ShopId) + ".csv"),
            // The demo shop's owner asking for the other shop's client: as unknown as a made-up id.
            await owner.GetAsync($"{Clients(demo.ShopId)}/{other.ClientId}"),
            await owner.GetAsync($"{Clients(other.ShopId)}/{other.ClientId}"),
        })
        {
            var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
            Assert.DoesNotContain("Martín", problem.ToString());
        }
        Assert.Equal(unknownDetail, (await ProblemAssert.IsProblemAsync(await owner.GetAsync($"{Clients(demo.ShopId)}/{other.ClientId}"), HttpStatusCode.NotFound))
            .GetProperty("detail").GetString());

        await using var db = await DbFactory.CreateDbContextAsync();
        var link = await db.ShopCustomers.SingleAsync(l => l.ShopId == demo.ShopId && l.CustomerId == martin);
        Assert.NotEqual("intruso", link.Notes);
        Assert.Null(link.BlockedOnlineAt);
        Assert.True(await db.Customers.AnyAsync(c => c.Id == other.ClientId));
    }

    [Fact]
    public async Task Notes_AreWrittenAndRefusedWhenTooLongOrMissing()
    {
        var demo = await app.DemoAsync();
        var id = await IdOfAsync("Santiago Rodríguez");
        using var diego = await app.ClientForAsync(Diego);
        var url = $"{Clients(demo.ShopId)}/{id}/notes";

        var saved = await diego.PutAsJsonAsync(url, new ClientNotesRequest("le gusta el degradé bajo"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("le gusta el degradé bajo", (await saved.Content.ReadFromJsonAsync<ClientResponse>(ApiWebApp.Json))!.Notes);

        var tooLong = await diego.PutAsJsonAsync(url, new ClientNotesRequest(new string('x', ShopCustomer.MaxNotesLength + 1)));
        var problem = await ProblemAssert.IsValidationAsync(tooLong, "notes");
        Assert.Equal("client.notes_too_long", problem.GetProperty("code").GetString());
        await ProblemAssert.IsValidationAsync(await diego.PutAsJsonAsync(url, new { }), "notes");

        var detail = (await diego.GetFromJsonAsync<ClientDetailResponse>($"{Clients(demo.ShopId)}/{id}", ApiWebApp.Json))!;
        Assert.Equal("le gusta el degradé bajo", detail.Client.Notes);
    }

    [Fact]
    public async Task Blocking_StopsTheCustomerBookingOnline_UntilUnblocked()
    {
        var demo = await app.DemoAsync();
        var id = await IdOfAsync("Cliente Demo");
        using var owner = await app.ClientForAsync(Owner);
        using var customer = await app.ClientForAsync(Customer);
        var url = $"{Clients(demo.ShopId)}/{id}/online-block";
        try
        {
            var blocked = await owner.PutAsJsonAsync(url, new ClientOnlineBlockRequest(true));
            Assert.True((await blocked.Content.ReadFromJsonAsync<ClientResponse>(ApiWebApp.Json))!.BlockedOnline);

            var refused = await customer.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(Wednesday, 17), null, null));
            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity, "booking.blocked_online");
            Assert.Contains("teléfono", problem.GetProperty("detail").GetString());
            await ProblemAssert.IsValidationAsync(await owner.PutAsJsonAsync(url, new { }), "blocked");
        }
        finally
        {
            var unblocked = await owner.PutAsJsonAsync(url, new ClientOnlineBlockRequest(false));
            Assert.False((await unblocked.Content.ReadFromJsonAsync<ClientResponse>(ApiWebApp.Json))!.BlockedOnline);
        }
        var booked = await customer.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(Wednesday, 17), null, null));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
    }

    [Fact]
    public async Task Merge_KeepsTheAccount_MovesTheWalkInsBookings_AndRefusesTwoAccounts()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        var walkIn = await app.Services.GetRequiredService<CustomerDirectory>()
            .FindOrAddWalkInAsync(demo.ShopId, "Paso Por API", "11 4321-8765", Actor.Owner(await UserIdAsync(Owner)));
        var walkInId = walkIn.Value!.Id;
        var booked = await owner.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(Wednesday, 18), null, walkInId));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var (userId, token) = await app.NewCustomerAsync("Paso");
        using var account = app.Client(token);
        Assert.Equal(HttpStatusCode.Created,
            (await account.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(Wednesday, 19), null, null))).StatusCode);
        var accountId = await CustomerIdOfAsync(userId);

        // From the walk-in's entry, naming the account: the account is kept.
        var merged = await owner.PostAsJsonAsync($"{Clients(demo.ShopId)}/{walkInId}/merge", new ClientMergeRequest(accountId));

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal(accountId, (await merged.Content.ReadFromJsonAsync<ClientResponse>(ApiWebApp.Json))!.Id);
        await ProblemAssert.IsProblemAsync(await owner.GetAsync($"{Clients(demo.ShopId)}/{walkInId}"), HttpStatusCode.NotFound);
        var mine = await account.GetFromJsonAsync<JsonElement>("/api/v1/bookings?from=2027-01-06&to=2027-01-06");
        Assert.Equal(2, mine.GetProperty("items").GetArrayLength());

        var twoAccounts = await owner.PostAsJsonAsync($"{Clients(demo.ShopId)}/{accountId}/merge", new ClientMergeRequest(await IdOfAsync("Cliente Demo")));
        var problem = await ProblemAssert.IsValidationAsync(twoAccounts, "mergeFromId");
        Assert.Equal("client.merge_two_accounts", problem.GetProperty("code").GetString());
        await ProblemAssert.IsValidationAsync(await owner.PostAsJsonAsync($"{Clients(demo.ShopId)}/{accountId}/merge", new { }), "mergeFromId");
    }

    [Fact]
    public async Task TheCsv_IsTheArgentineFormatOfTheAnalyticsExport_OrPlainOnRequest()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);

        var response = await owner.GetAsync(Clients(demo.ShopId) + ".csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches(@"^clientes-\d{4}-\d{2}-\d{2}\.csv$", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith(string.Join(';', ClientsExport.ArgentineHeaders), text);
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { Separator = ';' });
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.Headers.Count).Select(reader.GetString).ToArray());
        var list = (await owner.GetFromJsonAsync<ClientListResponse>(Clients(demo.ShopId) + "?limit=100", ApiWebApp.Json))!;
        Assert.Equal(list.Total, rows.Count);
        var martin = rows.Single(r => r[0] == "Martín Gómez");
        var fromApi = list.Items.Single(c => c.Name == "Martín Gómez");
        Assert.Equal("'+5491160001000", martin[1]);
        Assert.Equal(fromApi.Spent.ToString("0.00", System.Globalization.CultureInfo.GetCultureInfo("es-AR")), martin[8]);
        Assert.Matches(@"^\d{2}/\d{2}/\d{4}$", martin[6]);

        var plain = await owner.GetStringAsync(Clients(demo.ShopId) + ".csv?formato=simple");
        Assert.StartsWith(string.Join(',', ClientsExport.PlainHeaders), plain);
    }

    [Fact]
    public async Task ThePagesCsv_ServesTheSignedInStaff_AndNobodyElse()
    {
        var demo = await app.DemoAsync();
        async Task<HttpClient> SignedInAsync(string email)
        {
            var client = app.CreateBrowserClient();
            Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(client, email, ApiWebApp.DemoPassword)).StatusCode);
            return client;
        }
        using var diego = await SignedInAsync(Diego);
        using var customer = await SignedInAsync(Customer);
        using var anonymous = app.CreateBrowserClient();

        var csv = await diego.GetAsync(ClientsExport.Href(demo.ShopId));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var text = Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]);
        Assert.StartsWith(string.Join(';', ClientsExport.ArgentineHeaders), text);
        Assert.Contains("Martín Gómez", text);
        Assert.Equal(HttpStatusCode.NotFound, (await diego.GetAsync(ClientsExport.Href(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await diego.GetAsync(ClientsExport.Path + "?local=x")).StatusCode);

        foreach (var response in new[] { await customer.GetAsync(ClientsExport.Href(demo.ShopId)), await anonymous.GetAsync(ClientsExport.Href(demo.ShopId)) })
        {
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Martín", await response.Content.ReadAsStringAsync());
        }
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task<Guid> CustomerIdOfAsync(string userId)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await db.Customers.Where(c => c.UserId == userId).Select(c => c.Id).SingleAsync();
    }
}
