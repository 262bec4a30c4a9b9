using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Accounts;
using BarberPro.Domain.Customers;
using BarberPro.Domain.Data;
using BarberPro.Domain.Shops;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// POST /api/v1/bookings at a medical office that asks for patient details, over Kestrel: refused with a Spanish problem
/// and nothing booked when missing or invalid; booked and kept when valid; not asked again; staff are not forced.
/// </summary>
public sealed class PatientDetailsApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private sealed record Office(TestPractice Shop, string PatientToken, string DoctorEmail);

    private async Task<Office> OfficeAsync()
    {
        var owner = await StaffAccountsForTests.NewUserAsync(app.Services, "director", Roles.Owner);
        var doctor = await StaffAccountsForTests.NewUserAsync(app.Services, "medica", Roles.Provider);
        var other = await StaffAccountsForTests.NewUserAsync(app.Services, "medico", Roles.Provider);
        var (patientId, token) = await app.NewCustomerAsync("paciente");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
        var customer = await db.Customers.SingleAsync(c => c.UserId == patientId);
        var shop = TestPractice.Add(db, Vertical.Doctor, $"centro-{Guid.NewGuid():N}"[..20], owner.Id, doctor.Id, other.Id, customer);
        await db.SaveChangesAsync();
        return new Office(shop, token, doctor.Email);
    }

    private static CreateBookingRequest At(Office office, int hour, PatientRequest? patient = null, Guid? customerId = null) =>
        new(office.Shop.Professional.Id, office.Shop.Service.Id, ApiWebApp.At(TestAgenda.Tuesday, hour), null, customerId, patient);

    private async Task<int> BookingsAsync(Office office)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BarberProDbContext>().Bookings.CountAsync(b => b.ShopId == office.Shop.Shop.Id);
    }

    [Fact]
    public async Task Missing_Is422InSpanish_AndNothingIsBooked()
    {
        var office = await OfficeAsync();
        using var patient = app.Client(office.PatientToken);

        var response = await patient.PostAsJsonAsync("/api/v1/bookings", At(office, 10));

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity, "patient.details_required");
        Assert.Contains("DNI", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await BookingsAsync(office));
    }

    [Theory]
    [InlineData("30.12A.456", "OSDE", "patient.national_id", "nationalId")]
    [InlineData("123456789", "OSDE", "patient.national_id", "nationalId")]
    [InlineData("30.123.456", "", "patient.health_insurance", "healthInsurance")]
    public async Task Invalid_Is422OnItsField_AndNothingIsBooked(string dni, string insurance, string code, string field)
    {
        var office = await OfficeAsync();
        using var patient = app.Client(office.PatientToken);

        var response = await patient.PostAsJsonAsync("/api/v1/bookings", At(office, 10, new PatientRequest(dni, insurance)));

        var problem = await ProblemAssert.IsValidationAsync(response, field);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal(0, await BookingsAsync(office));
    }

    [Fact]
    public async Task Valid_Books_AndIsNotAskedAgain_TheShopSaysItAsks()
    {
        var office = await OfficeAsync();
        using var patient = app.Client(office.PatientToken);

        var first = await patient.PostAsJsonAsync("/api/v1/bookings", At(office, 10, new PatientRequest("30.123.456", "OSDE 310")));
        var second = await patient.PostAsJsonAsync("/api/v1/bookings", At(office, 11));
        var shop = await patient.GetFromJsonAsync<ShopDetail>($"/api/v1/shops/{office.Shop.Shop.Slug}", ApiWebApp.Json);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(2, await BookingsAsync(office));
        Assert.True(shop!.Policy.RequiresPatientDetails);
        await using var scope = app.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<BarberProDbContext>().ShopCustomers
            .SingleAsync(l => l.ShopId == office.Shop.Shop.Id && l.CustomerId == office.Shop.Patient.Id);
        Assert.Equal(("30123456", "OSDE 310"), (record.NationalId, record.HealthInsurance));
    }

    [Fact]
    public async Task Staff_BookingAWalkIn_AreNotForced()
    {
        var office = await OfficeAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BarberProDbContext>();
            await ShopCustomers.LinkAsync(db, office.Shop.Shop.Id, office.Shop.Patient, app.Clock.GetCurrentInstant());
            await db.SaveChangesAsync();
        }
        using var doctor = app.Client(await app.TokenAsync(office.DoctorEmail, StaffAccountsForTests.Password));

        var response = await doctor.PostAsJsonAsync("/api/v1/bookings", At(office, 12, customerId: office.Shop.Patient.Id));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
