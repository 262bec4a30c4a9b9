using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Bookings;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Notifications;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Analytics;
using BarberPro.Web.Features.Api;
using BarberPro.Web.Features.Profile;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace BarberPro.Tests.Web.Profile;

/// <summary>
/// Deleting an account over HTTP (Ley 25.326): afterwards no text column of any table holds the person's name, phone or
/// email; past bookings stay as anonymous history, future ones are cancelled, and the shop's numbers still add up.
/// Its own app: the test moves the clock.
/// </summary>
public sealed class AccountDeletionTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Password = "Corte-2026";
    private static readonly LocalDate Wednesday = new(2026, 12, 9);

    [Fact]
    public async Task Deletion_LeavesNothingPersonal_InAnyTextColumn_AndTheShopsCountsStillAddUp()
    {
        var demo = await app.DemoAsync();
        var tag = new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray()).PadRight(6, 'x');
        var name = $"Valentina Borrable{tag}";
        var digits = Random.Shared.Next(2000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var typedPhone = $"11 4{digits[..3]}-{digits[3..]}";
        var e164 = $"+54911" + $"4{digits}";
        var email = $"valen-{tag}@example.com";
        using var anonymous = app.Client();
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync("/api/v1/auth/register", new RegisterRequest(name, email, typedPhone, Password))).StatusCode);
        using var client = app.Client(await app.TokenAsync(email, Password));

        // One booking that will be past, one in the future; both with the customer's own words naming them.
        var past = await BookAsync(client, demo, Wednesday, $"Soy {name}, mi cel {e164}");
        var future = await BookAsync(client, demo, Wednesday.PlusDays(2), $"Escribime a {email}");
        // The barber's private note on the past booking names them too.
        using var owner = await app.ClientForAsync("owner@barberpro.local");
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/v1/bookings/{past}/private-note", new { text = $"{name} pidió degradé" })).StatusCode);
        await app.Services.GetRequiredService<NotificationPlanner>().PlanAsync();
        await using (var db = await DbAsync())
            Assert.True(await db.Notifications.AnyAsync(n => n.Recipient == e164 || n.Recipient == email), "the booking messages were planned to the customer");

        app.Clock.AdvanceHours(72); // Thursday 09:00: the first booking is history, the second more than a day away.
        var range = $"/api/v1/shops/{demo.ShopId}/analytics?from=2026-12-01&to=2026-12-31";
        var before = (await owner.GetFromJsonAsync<AnalyticsResponse>(range, ApiWebApp.Json))!;
        int shopBookings;
        await using (var db = await DbAsync())
            shopBookings = await db.Bookings.CountAsync(b => b.ShopId == demo.ShopId);

        // The data export holds the booking.
        var export = await client.GetStringAsync("/api/v1/me/data");
        Assert.Contains(past.ToString(), export);
        Assert.Contains(name, export);

        var response = await client.PostAsJsonAsync("/api/v1/me/deletion", new AccountDeletionRequest(Password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var done = (await response.Content.ReadFromJsonAsync<AccountDeletionResponse>(ApiWebApp.Json))!;
        Assert.Equal((1, 1), (done.PastBookingsAnonymized, done.FutureBookingsCancelled));
        // Whatever the planner makes of the cancellation afterwards reaches no one and names no one.
        await app.Services.GetRequiredService<NotificationPlanner>().PlanAsync();

        await using (var db = await DbAsync())
        {
            foreach (var needle in new[] { name, "Borrable" + tag, email, e164, e164[1..], "4" + digits })
                Assert.Empty(await FindEverywhereAsync(db, needle));
            var kept = await db.Bookings.Include(b => b.Customer).SingleAsync(b => b.Id == past);
            Assert.Equal(Customer.ErasedName, kept.Customer!.FullName);
            Assert.Null(kept.Customer.UserId);
            Assert.Equal(BookingStatus.Cancelled, (await db.Bookings.SingleAsync(b => b.Id == future)).Status);
            Assert.False(await db.Users.AnyAsync(u => u.Email == email));
            Assert.Equal(shopBookings, await db.Bookings.CountAsync(b => b.ShopId == demo.ShopId));
            var log = await db.DataRightsRecords.SingleAsync(r => r.CustomerId == kept.CustomerId && r.Action == DataRightsAction.Deletion);
            Assert.Contains("future cancelled: 1", log.Summary);
        }
        var after = (await owner.GetFromJsonAsync<AnalyticsResponse>(range, ApiWebApp.Json))!;
        Assert.Equal(before.Bookings.Made, after.Bookings.Made);
        Assert.Equal(before.Bookings.Completed, after.Bookings.Completed);
        Assert.Equal(before.Bookings.CancelledByCustomer + 1, after.Bookings.CancelledByCustomer);
        Assert.Equal(before.Bookings.CancelledByShop, after.Bookings.CancelledByShop);

        // The account is gone: no sign-in, and the old token gets nothing.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(email, Password))).StatusCode);
        // (an access token issued before stays readable until the stamp cache notices, up to 10 s: it finds nothing.)
        Assert.Contains((await client.GetAsync("/api/v1/me")).StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.NotFound });
        Assert.Contains((await client.GetAsync("/api/v1/me/data")).StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.NotFound });
    }

    private async Task<Guid> BookAsync(HttpClient client, DemoIds demo, LocalDate date, string notes)
    {
        foreach (var hour in new[] { 10, 11, 12, 15, 16, 17, 18 })
        {
            var response = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(date, hour, 30), notes, null));
            if (response.StatusCode == HttpStatusCode.Created)
                return (await response.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Id;
        }
        var last = await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Fede, demo.Corte, ApiWebApp.At(date, 10, 30), notes, null));
        throw new InvalidOperationException($"No free slot on {date}: {await last.Content.ReadAsStringAsync()}");
    }

    private async Task<BarberProDbContext> DbAsync() =>
        await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();

    /// <summary>Every string column of every table in the EF model that contains <paramref name="needle"/> (as "table.column: count").</summary>
    private static async Task<List<string>> FindEverywhereAsync(BarberProDbContext db, string needle)
    {
        var found = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table)
                continue;
            var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema());
            foreach (var property in entity.GetProperties().Where(p => (p.GetProviderClrType() ?? p.ClrType) == typeof(string)))
            {
                if (property.GetColumnName(store) is not { } column)
                    continue;
                await using DbCommand command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE instr(lower(\"{column}\"), lower($needle)) > 0";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "$needle";
                parameter.Value = needle;
                command.Parameters.Add(parameter);
                if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) is var count and > 0)
                    found.Add($"{table}.{column}: {count}");
            }
        }
        return found;
    }
}
