using System.Globalization;
using System.Net;
using System.Text;
using BarberPro.Domain.Analytics;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Analytics;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace BarberPro.Tests.Web.Analytics;

/// <summary>
/// The CSV export over Kestrel with the sign-in cookie, read back with CsvHelper in both formats; the same people as the
/// page may download it.
/// </summary>
public sealed class AnalyticsExportTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Password = ApiWebApp.DemoPassword;
    private const string Range = "desde=2026-11-16&hasta=2026-12-13";

    private async Task<HttpClient> SignedInAsync(string email, string password = Password)
    {
        var client = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(client, email, password)).StatusCode);
        return client;
    }

    private async Task<List<AnalyticsBookingRow>> DirectRowsAsync(AnalyticsQuery query, string email, ActorRole role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<BarberPro.Domain.Accounts.AppUser>>();
        var actor = new Actor((await users.FindByEmailAsync(email))!.Id, role);
        var result = await app.Services.GetRequiredService<AnalyticsService>().BookingsAsync(query, actor);
        Assert.True(result.Succeeded);
        var rows = new List<AnalyticsBookingRow>();
        await foreach (var row in result.Value!)
            rows.Add(row);
        return rows;
    }

    private static List<Dictionary<string, string>> Parse(byte[] bytes, char separator)
    {
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { Separator = separator });
        var records = new List<Dictionary<string, string>>();
        while (reader.Read())
            records.Add(reader.Headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => reader.GetString(x.i)));
        return records;
    }

    [Fact]
    public async Task Owner_DownloadsTheArgentineCsv_ThatExcelReads()
    {
        var demo = await app.DemoAsync();
        using var owner = await SignedInAsync("owner@barberpro.local");

        var response = await owner.GetAsync($"/admin/analitica/exportar?local={demo.ShopId}&{Range}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("turnos-2026-11-16-al-2026-12-13.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Turno;Fecha;Hora;Reservado el;Profesional;Servicio;Cliente;Teléfono;Estado;Reservado por;Cancelado por;Cancelación tardía;Precio;Minutos", text);

        var records = Parse(bytes, ';');
        var direct = await DirectRowsAsync(new AnalyticsQuery(demo.ShopId, new LocalDate(2026, 11, 16), new LocalDate(2026, 12, 13)), "owner@barberpro.local", ActorRole.Owner);
        Assert.Equal(direct.Count, records.Count);
        Assert.True(records.Count > 20, "The demo has weeks of bookings in the range");
        var first = direct[0];
        var record = records.Single(r => r["Turno"] == first.BookingId.ToString());
        Assert.Equal(first.Start.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), record["Fecha"]);
        Assert.Equal(first.Start.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture), record["Hora"]);
        Assert.Equal(first.Price, decimal.Parse(record["Precio"], NumberStyles.Number, CultureInfo.GetCultureInfo("es-AR")));
        Assert.Matches(@"^\d+,\d\d$", record["Precio"]);
        Assert.Matches(@"^\d\d/\d\d/\d{4} \d\d:\d\d$", record["Reservado el"]);
        Assert.All(records, r => Assert.Contains(r["Estado"], new[] { "Pendiente", "Confirmado", "Atendido", "Cancelado", "Ausente" }));
        Assert.Contains(records, r => r["Estado"] == "Atendido");
        Assert.All(records, r => Assert.Contains(r["Cancelación tardía"], new[] { "Sí", "No" }));
    }

    [Fact]
    public async Task PlainCsv_IsCommas_InvariantDecimals_IsoDates_NoBom()
    {
        var demo = await app.DemoAsync();
        using var owner = await SignedInAsync("owner@barberpro.local");

        var response = await owner.GetAsync($"/admin/analitica/exportar?local={demo.ShopId}&{Range}&barbero={demo.Fede}&formato=simple");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var records = Parse(bytes, ',');
        var direct = await DirectRowsAsync(new AnalyticsQuery(demo.ShopId, new LocalDate(2026, 11, 16), new LocalDate(2026, 12, 13), demo.Fede), "owner@barberpro.local", ActorRole.Owner);
        Assert.Equal(direct.Count, records.Count);
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal("Fede", r["provider"]));
        Assert.All(records, r => Assert.Matches(@"^2026-1[12]-\d\d$", r["date"]));
        Assert.All(records, r => Assert.Matches(@"^\d+\.\d\d$", r["price"]));
        Assert.All(records, r => Assert.Contains(r["status"], new[] { "pending", "confirmed", "completed", "cancelled", "noShow" }));
        var row = direct[0];
        Assert.Equal(row.Price, decimal.Parse(records.Single(r => r["bookingId"] == row.BookingId.ToString())["price"], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Barber_GetsOwnBookingsOnly_FromTheBarbersAddress()
    {
        var demo = await app.DemoAsync();
        using var diego = await SignedInAsync("barbero1@barberpro.local");

        var own = await diego.GetAsync($"/agenda/analitica/exportar?local={demo.ShopId}&{Range}&formato=simple");
        var fede = await diego.GetAsync($"/agenda/analitica/exportar?local={demo.ShopId}&{Range}&barbero={demo.Fede}");
        var ownersAddress = await diego.GetAsync($"/admin/analitica/exportar?local={demo.ShopId}&{Range}");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var records = Parse(await own.Content.ReadAsByteArrayAsync(), ',');
        Assert.NotEmpty(records);
        Assert.All(records, r => Assert.Equal("Diego", r["provider"]));
        Assert.Equal(HttpStatusCode.NotFound, fede.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, ownersAddress.StatusCode);
    }

    [Fact]
    public async Task Customer_AndAnotherShopsOwner_GetNothing()
    {
        var demo = await app.DemoAsync();
        var other = await StaffAccountsForTests.NewShopAsync(app.Services, "ajena", requireTwoFactor: false);
        using var customer = await SignedInAsync("cliente@barberpro.local");
        using var stranger = await SignedInAsync(other.OwnerEmail, StaffAccountsForTests.Password);
        using var anonymous = app.CreateBrowserClient();

        var asCustomer = await customer.GetAsync($"/admin/analitica/exportar?local={demo.ShopId}&{Range}");
        var asCustomerBarber = await customer.GetAsync($"/agenda/analitica/exportar?local={demo.ShopId}&{Range}");
        var asStranger = await stranger.GetAsync($"/admin/analitica/exportar?local={demo.ShopId}&{Range}");
        var asAnonymous = await anonymous.GetAsync($"/admin/analitica/exportar?local={demo.ShopId}&{Range}");
        var summaryAsStranger = await stranger.GetAsync($"/admin/analitica/resumen?local={demo.ShopId}&{Range}");
        var summaryAsCustomer = await customer.GetAsync($"/agenda/analitica/resumen?local={demo.ShopId}&{Range}");

        Assert.NotEqual(HttpStatusCode.OK, asCustomer.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, asCustomerBarber.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, asStranger.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, asAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, summaryAsStranger.StatusCode);
        Assert.DoesNotContain("text/csv", new[] { asCustomer, asCustomerBarber, asStranger, asAnonymous, summaryAsStranger, summaryAsCustomer }.Select(r => r.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task Summary_HoldsTheReportsFigures_AgainstThePreviousPeriod_ForExcel()
    {
        var demo = await app.DemoAsync();
        using var owner = await SignedInAsync("owner@barberpro.local");

        var response = await owner.GetAsync($"/admin/analitica/resumen?local={demo.ShopId}&{Range}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { Separator = ';' });
        var rows = new Dictionary<string, (string Current, string Previous)>();
        while (reader.Read())
            rows[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        Assert.Equal(["Dato", "16/11/2026 al 13/12/2026", "19/10/2026 al 15/11/2026"], reader.Headers);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<BarberPro.Domain.Accounts.AppUser>>();
        var actor = new Actor((await users.FindByEmailAsync("owner@barberpro.local"))!.Id, ActorRole.Owner);
        var report = (await app.Services.GetRequiredService<AnalyticsService>()
            .ReportAsync(new AnalyticsQuery(demo.ShopId, new LocalDate(2026, 11, 16), new LocalDate(2026, 12, 13)), actor)).Value!;
        Assert.Equal((report.Current.Bookings.Made.ToString(), report.Previous.Bookings.Made.ToString()), rows["Turnos reservados"]);
        Assert.Equal(report.Current.Revenue.Completed.ToString("0.00", CultureInfo.GetCultureInfo("es-AR")), rows["Ingresos"].Current);
        Assert.Equal((report.Current.Bookings.NoShowRate!.Value * 100).ToString("0.#", CultureInfo.GetCultureInfo("es-AR")) + "%", rows["Tasa de ausentes"].Current);
        Assert.Equal(3, rows.Keys.Count(k => k.StartsWith("Ocupación de ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("desde=2026-12-13&hasta=2026-11-16", "analytics.range")]
    [InlineData("desde=13/12/2026&hasta=2026-12-20", "analytics.dates")]
    [InlineData("hasta=2026-12-20", "analytics.dates")]
    public async Task BadRange_Is400_InSpanish(string query, string code)
    {
        var demo = await app.DemoAsync();
        using var owner = await SignedInAsync("owner@barberpro.local");

        var response = await owner.GetAsync($"/admin/analitica/exportar?local={demo.ShopId}&{query}");

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, code);
    }
}
