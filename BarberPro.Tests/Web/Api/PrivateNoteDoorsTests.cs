using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// A psychologist's private note, tried through every door of the real app on Kestrel: the note's own endpoints
/// (the professional reads and writes; the owner, an admin, another professional and the patient get 404), the booking
/// endpoints, the SignalR hub, the analytics CSV exports, the patient's calendar file and the staff pages over HTTP —
/// none of which ever carries the note's text.
/// </summary>
public sealed class PrivateNoteDoorsTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Password = StaffAccountsForTests.Password;
    private const string Secret = "Sesión 4: habló del duelo por su hermano";

    private sealed record Practice(TestPractice Shop, string OwnerEmail, string ProfessionalEmail, string OtherEmail, string PatientEmail);

    /// <summary>A psychologist's practice with accounts that sign in (owner, two professionals, a patient), and one booking of the patient's with the first professional.</summary>
    private async Task<(Practice Practice, Guid BookingId)> PracticeWithBookingAsync(int hour)
    {
        var owner = await StaffAccountsForTests.NewUserAsync(app.Services, "duena", Roles.Owner);
        var professional = await StaffAccountsForTests.NewUserAsync(app.Services, "psicologa", Roles.Provider);
        var other = await StaffAccountsForTests.NewUserAsync(app.Services, "psicologo", Roles.Provider);
        var patient = await StaffAccountsForTests.NewUserAsync(app.Services, "paciente", Roles.Customer);
        TestPractice shop;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
            var customer = new Customer("Paciente Puertas", "11 2345-6789", patient.Email, patient.Id);
            db.Customers.Add(customer);
            shop = TestPractice.Add(db, Vertical.Psychologist, $"consultorio-{Guid.NewGuid():N}"[..24], owner.Id, professional.Id, other.Id, customer);
            await db.SaveChangesAsync();
        }
        var practice = new Practice(shop, owner.Email, professional.Email, other.Email, patient.Email);
        using var asPatient = await ClientAsync(patient.Email);
        var booked = await asPatient.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(shop.Professional.Id, shop.Service.Id, ApiWebApp.At(TestAgenda.Tuesday, hour), null, null));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = (await booked.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        return (practice, booking.Id);
    }

    private async Task<HttpClient> ClientAsync(string email) =>
        app.Client(await app.TokenAsync(email, email == BarberProWebApp.DemoAdminEmail ? ApiWebApp.DemoPassword : Password));

    private async Task<HttpClient> SignedInBrowserAsync(string email)
    {
        var client = app.CreateBrowserClient();
        var password = email == BarberProWebApp.DemoAdminEmail ? ApiWebApp.DemoPassword : Password;
        Assert.Equal(HttpStatusCode.Redirect, (await BarberProWebApp.SignInAsync(client, email, password)).StatusCode);
        return client;
    }

    private static string NoteUrl(Guid bookingId) => $"/api/v1/bookings/{bookingId}/private-note";

    private async Task<string> StoredNoteAsync(Guid bookingId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        return await db.BookingPrivateNotes.Where(n => n.BookingId == bookingId).Select(n => n.Text).SingleOrDefaultAsync() ?? "";
    }

    [Fact]
    public async Task Api_TheProfessionalReadsAndWrites_EveryoneElseGets404_AndChangesNothing()
    {
        var (practice, bookingId) = await PracticeWithBookingAsync(10);
        using var professional = await ClientAsync(practice.ProfessionalEmail);

        var empty = await professional.GetFromJsonAsync<PrivateNoteResponse>(NoteUrl(bookingId), ApiWebApp.Json);
        var put = await professional.PutAsJsonAsync(NoteUrl(bookingId), new PrivateNoteRequest(Secret));
        var read = await professional.GetFromJsonAsync<PrivateNoteResponse>(NoteUrl(bookingId), ApiWebApp.Json);

        Assert.Equal(("", null), (empty!.Text, empty.UpdatedAt));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(Secret, read!.Text);
        Assert.NotNull(read.UpdatedAt);

        foreach (var email in new[] { practice.OwnerEmail, BarberProWebApp.DemoAdminEmail, practice.OtherEmail, practice.PatientEmail })
        {
            using var outsider = await ClientAsync(email);
            var get = await outsider.GetAsync(NoteUrl(bookingId));
            var overwrite = await outsider.PutAsJsonAsync(NoteUrl(bookingId), new PrivateNoteRequest("Nota del dueño"));
            var erase = await outsider.PutAsJsonAsync(NoteUrl(bookingId), new PrivateNoteRequest(""));
            foreach (var response in new[] { get, overwrite, erase })
            {
                await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "not_found");
                Assert.DoesNotContain("duelo", await response.Content.ReadAsStringAsync());
            }
        }
        Assert.Equal(Secret, await StoredNoteAsync(bookingId));
    }

    [Fact]
    public async Task Api_BadInput_IsAProblem_AndTheNoteStays()
    {
        var (practice, bookingId) = await PracticeWithBookingAsync(11);
        using var professional = await ClientAsync(practice.ProfessionalEmail);
        await professional.PutAsJsonAsync(NoteUrl(bookingId), new PrivateNoteRequest(Secret));

        var tooLong = await professional.PutAsJsonAsync(NoteUrl(bookingId), new PrivateNoteRequest(new string('a', 4001)));
        var missing = await professional.PutAsJsonAsync(NoteUrl(bookingId), new { });
        var notJson = await professional.PutAsync(NoteUrl(bookingId), new StringContent("{texto", System.Text.Encoding.UTF8, "application/json"));
        var unknownBooking = await professional.GetAsync(NoteUrl(Guid.NewGuid()));

        var problem = await ProblemAssert.IsProblemAsync(tooLong, HttpStatusCode.UnprocessableEntity, "private_note.too_long");
        Assert.Contains("4000 caracteres", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
        await ProblemAssert.IsProblemAsync(missing, HttpStatusCode.UnprocessableEntity, "request.required");
        await ProblemAssert.IsProblemAsync(notJson, HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(unknownBooking, HttpStatusCode.NotFound);
        Assert.Equal(Secret, await StoredNoteAsync(bookingId));
    }

    [Fact]
    public async Task BookingEndpoints_NeverCarryTheNote_ForAnyone()
    {
        var (practice, bookingId) = await PracticeWithBookingAsync(12);
        using (var professional = await ClientAsync(practice.ProfessionalEmail))
            Assert.Equal(HttpStatusCode.OK, (await professional.PutAsJsonAsync(NoteUrl(bookingId), new PrivateNoteRequest(Secret))).StatusCode);

        foreach (var email in new[] { practice.ProfessionalEmail, practice.OwnerEmail, BarberProWebApp.DemoAdminEmail, practice.PatientEmail })
        {
            using var client = await ClientAsync(email);
            var one = await client.GetAsync($"/api/v1/bookings/{bookingId}");
            var list = await client.GetAsync("/api/v1/bookings?from=2026-12-08&to=2026-12-08");
            var confirmed = email == practice.OwnerEmail ? await client.PostAsync($"/api/v1/bookings/{bookingId}/confirm", null) : null;

            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            Assert.Contains(bookingId.ToString(), await list.Content.ReadAsStringAsync());
            foreach (var response in new[] { one, list, confirmed }.OfType<HttpResponseMessage>())
                Assert.DoesNotContain("duelo", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Hub_TheOwnerAndAnAdminWatchingTheAgenda_HearTheChanges_ButNeverTheNote()
    {
        var (practice, bookingId) = await PracticeWithBookingAsync(14);
        await using var hubs = new HubClients(app);
        var listeners = new List<HubListener>();
        foreach (var email in new[] { practice.OwnerEmail, BarberProWebApp.DemoAdminEmail, practice.ProfessionalEmail })
        {
            var connection = await hubs.ConnectAsync(await app.TokenAsync(email, email == BarberProWebApp.DemoAdminEmail ? ApiWebApp.DemoPassword : Password));
            listeners.Add(HubClients.Listen(connection, "bookingUpdated"));
            await connection.InvokeAsync("SubscribeToAgenda", practice.Shop.Professional.Id);
        }
        using var professional = await ClientAsync(practice.ProfessionalEmail);

        Assert.Equal(HttpStatusCode.OK, (await professional.PutAsJsonAsync(NoteUrl(bookingId), new PrivateNoteRequest(Secret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await professional.PostAsync($"/api/v1/bookings/{bookingId}/confirm", null)).StatusCode);

        foreach (var listener in listeners)
        {
            var update = await listener.NextAsync(p => p.GetProperty("bookingId").GetGuid() == bookingId);
            Assert.Equal("confirmed", update.GetProperty("status").GetString());
            Assert.DoesNotContain("duelo", update.GetRawText());
        }
        Assert.All(listeners, l => Assert.All(l.Received, p => Assert.DoesNotContain("duelo", p.GetRawText())));
    }

    [Fact]
    public async Task CsvExports_Pages_AndTheCalendarFile_NeverCarryTheNote()
    {
        var (practice, bookingId) = await PracticeWithBookingAsync(15);
        using (var professional = await ClientAsync(practice.ProfessionalEmail))
            Assert.Equal(HttpStatusCode.OK, (await professional.PutAsJsonAsync(NoteUrl(bookingId), new PrivateNoteRequest(Secret))).StatusCode);
        var shopId = practice.Shop.Shop.Id;
        const string range = "desde=2026-12-01&hasta=2026-12-31";

        var downloads = new List<(string Who, HttpResponseMessage Response)>();
        foreach (var email in new[] { practice.OwnerEmail, BarberProWebApp.DemoAdminEmail })
        {
            using var browser = await SignedInBrowserAsync(email);
            downloads.Add((email + " csv", await browser.GetAsync($"/admin/analitica/exportar?local={shopId}&{range}")));
            downloads.Add((email + " csv plano", await browser.GetAsync($"/admin/analitica/exportar?local={shopId}&{range}&formato=simple")));
            downloads.Add((email + " resumen", await browser.GetAsync($"/admin/analitica/resumen?local={shopId}&{range}")));
            downloads.Add((email + " agenda", await browser.GetAsync($"/agenda/{practice.Shop.Professional.Id}?dia=2026-12-08")));
            downloads.Add((email + " local", await browser.GetAsync($"/local/agenda?local={shopId}&dia=2026-12-08")));
        }
        using (var browser = await SignedInBrowserAsync(practice.ProfessionalEmail))
        {
            downloads.Add(("profesional csv", await browser.GetAsync($"/agenda/analitica/exportar?local={shopId}&{range}")));
            downloads.Add(("profesional agenda", await browser.GetAsync("/agenda?dia=2026-12-08")));
        }
        using (var browser = await SignedInBrowserAsync(practice.PatientEmail))
        {
            downloads.Add(("paciente ics", await browser.GetAsync($"/mis-turnos/{bookingId}/calendario.ics")));
            downloads.Add(("paciente turno", await browser.GetAsync($"/mis-turnos/{bookingId}")));
        }

        foreach (var (who, response) in downloads)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who}: {(int)response.StatusCode}");
            Assert.DoesNotContain("duelo", body);
        }
        // The exports did carry the booking itself: the note is left out, not the data around it.
        Assert.Contains(bookingId.ToString(), await downloads[0].Response.Content.ReadAsStringAsync());
        Assert.Contains(bookingId.ToString(), await downloads[5].Response.Content.ReadAsStringAsync());
        Assert.Contains(bookingId.ToString(), await downloads[10].Response.Content.ReadAsStringAsync());
        Assert.Contains("BEGIN:VEVENT", await downloads[12].Response.Content.ReadAsStringAsync());
    }
}
