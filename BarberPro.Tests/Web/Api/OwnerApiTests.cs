using System.Net;
using System.Net.Http.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;

namespace BarberPro.Tests.Web.Api;

/// <summary>Owner endpoints: services, providers, working hours, date overrides and time off, on an app of their own.</summary>
public sealed class OwnerApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Owner = "owner@barberpro.local";
    private const string Customer = "cliente@barberpro.local";
    private const string Diego = "barbero1@barberpro.local";
    private const string Fede = "barbero2@barberpro.local";

    [Fact]
    public async Task CreateService_ByOwner_Is201_AndListedByTheShop()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);

        var response = await owner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/services", new ServiceRequest("Perfilado de cejas", 15, 5000m, null, 5, null, "Con navaja"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var service = (await response.Content.ReadFromJsonAsync<ServiceResponse>(ApiWebApp.Json))!;
        Assert.Equal($"/api/v1/services/{service.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(15, service.DurationMinutes);
        Assert.Equal(5, service.BufferAfterMinutes);
        Assert.True(service.Active);
        using var anonymous = app.Client();
        var shop = await anonymous.GetFromJsonAsync<ShopDetail>("/api/v1/shops/barberpro-palermo", ApiWebApp.Json);
        Assert.Contains(shop!.Services, s => s.Id == service.Id);
    }

    [Theory]
    [InlineData(Customer)]
    [InlineData(Diego)]
    public async Task CreateService_ByNonOwner_Is404(string email)
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(email);

        var response = await client.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/services", new ServiceRequest("Intruso", 30, 1m, 0, 0, 1, null));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateService_Invalid_Is422_WithFields()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);

        var missing = await owner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/services", new { description = "sin datos" });
        var tooShort = await owner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/services", new ServiceRequest("Rápido", 3, 100m, 0, 0, 1, null));

        await ProblemAssert.IsValidationAsync(missing, "name", "durationMinutes", "price");
        var problem = await ProblemAssert.IsValidationAsync(tooShort, "durationMinutes");
        Assert.Equal("offering.duration", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UpdateService_ThenDeactivate_MakesItUnbookable()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        var created = (await (await owner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/services", new ServiceRequest("Lavado", 20, 4000m, 0, 0, 1, null)))
            .Content.ReadFromJsonAsync<ServiceResponse>(ApiWebApp.Json))!;
        var diego = (await owner.GetFromJsonAsync<ProviderResponse>($"/api/v1/providers/{demo.Diego}", ApiWebApp.Json))!;
        Assert.Equal(HttpStatusCode.OK, (await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Diego}/services",
            new ProviderServicesRequest([.. diego.ServiceIds, created.Id]))).StatusCode);

        var updated = await owner.PutAsJsonAsync($"/api/v1/services/{created.Id}", new ServiceRequest("Lavado y peinado", 30, 4500m, 0, 5, 1, null));
        var deactivated = await owner.PutAsJsonAsync($"/api/v1/services/{created.Id}/active", new ActiveRequest(false));
        using var customer = await app.ClientForAsync(Customer);
        var booking = await customer.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Diego, created.Id, ApiWebApp.At(new LocalDate(2027, 1, 12), 10), null, null));

        Assert.Equal(4500m, (await updated.Content.ReadFromJsonAsync<ServiceResponse>(ApiWebApp.Json))!.Price);
        Assert.False((await deactivated.Content.ReadFromJsonAsync<ServiceResponse>(ApiWebApp.Json))!.Active);
        var problem = await ProblemAssert.IsValidationAsync(booking, "serviceId");
        Assert.Equal("booking.offering_inactive", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task CreateProvider_ByOwner_Is201_AndTheNewBarberCanSignIn()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        var email = $"lucas-{Guid.NewGuid():N}@barberpro.local";

        var response = await owner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/providers", new CreateProviderRequest("Lucas", email, "11 5555-0014", "Barbero-2026", [demo.Corte]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var provider = (await response.Content.ReadFromJsonAsync<ProviderResponse>(ApiWebApp.Json))!;
        Assert.Equal("Lucas", provider.DisplayName);
        Assert.Equal([demo.Corte], provider.ServiceIds);
        using var lucas = app.Client(await app.TokenAsync(email, "Barbero-2026"));
        var own = await lucas.GetAsync($"/api/v1/providers/{provider.Id}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await ProblemAssert.IsProblemAsync(await lucas.GetAsync($"/api/v1/providers/{demo.Diego}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CreateProvider_TakenEmailOrBadPhone_Is422()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);

        var taken = await owner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/providers", new CreateProviderRequest("Otro", Diego, "11 5555-0015", "Barbero-2026", []));
        var phone = await owner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/providers", new CreateProviderRequest("Otro", $"o-{Guid.NewGuid():N}@x.com", "123", "Barbero-2026", []));

        await ProblemAssert.IsValidationAsync(taken, "email");
        await ProblemAssert.IsValidationAsync(phone, "phone");
    }

    [Fact]
    public async Task GetProvider_Customer_Is404_Provider_SeesOwn()
    {
        var demo = await app.DemoAsync();
        using var customer = await app.ClientForAsync(Customer);
        using var diego = await app.ClientForAsync(Diego);

        await ProblemAssert.IsProblemAsync(await customer.GetAsync($"/api/v1/providers/{demo.Diego}"), HttpStatusCode.NotFound);
        var own = (await diego.GetFromJsonAsync<ProviderResponse>($"/api/v1/providers/{demo.Diego}", ApiWebApp.Json))!;
        Assert.Contains(own.WorkingHours, h => h.Day == IsoDayOfWeek.Saturday && h.Start == "10:00" && h.End == "18:00");
    }

    [Fact]
    public async Task SetWorkingHours_ByOwner_ChangesAvailability_ByTheProvider_Is404()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        using var fede = await app.ClientForAsync(Fede);
        var hours = new WorkingHoursRequest([new WorkingHoursEntry(IsoDayOfWeek.Monday, "10:00", "12:00"), new WorkingHoursEntry(IsoDayOfWeek.Tuesday, "10:00", "14:00")]);

        var bySelf = await fede.PutAsJsonAsync($"/api/v1/providers/{demo.Fede}/working-hours", hours);
        var byOwner = await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Fede}/working-hours", hours);
        using var anonymous = app.Client();
        var monday = await anonymous.GetFromJsonAsync<AvailabilityResponse>($"/api/v1/providers/{demo.Fede}/availability?serviceId={demo.Corte}&date=2027-01-11", ApiWebApp.Json);

        await ProblemAssert.IsProblemAsync(bySelf, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(2, (await byOwner.Content.ReadFromJsonAsync<ProviderResponse>(ApiWebApp.Json))!.WorkingHours.Count);
        // 10:00 to 12:00, a 30-minute haircut every 15 minutes: 10:00 … 11:30.
        Assert.Equal(7, monday!.Slots.Count);
    }

    [Fact]
    public async Task SetWorkingHours_OverlappingOrUnreadable_Is422()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);

        var overlapping = await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Nacho}/working-hours", new WorkingHoursRequest([
            new WorkingHoursEntry(IsoDayOfWeek.Tuesday, "10:00", "14:00"), new WorkingHoursEntry(IsoDayOfWeek.Tuesday, "13:00", "18:00")]));
        var unreadable = await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Nacho}/working-hours", new WorkingHoursRequest([
            new WorkingHoursEntry(IsoDayOfWeek.Tuesday, "25:00", "26:00")]));

        var problem = await ProblemAssert.IsValidationAsync(overlapping, "hours");
        Assert.Contains("se superponen", problem.GetProperty("detail").GetString());
        await ProblemAssert.IsValidationAsync(unreadable, "hours[0]");
        var noSuchDay = await owner.PutAsync($"/api/v1/providers/{demo.Nacho}/working-hours",
            new StringContent("{\"hours\":[{\"day\":9,\"start\":\"10:00\",\"end\":\"12:00\"}]}", System.Text.Encoding.UTF8, "application/json"));
        await ProblemAssert.IsValidationAsync(noSuchDay, "hours[0].day");
    }

    [Fact]
    public async Task DateOverride_ClosedDay_HasNoSlots_UntilCleared()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        using var anonymous = app.Client();
        var url = $"/api/v1/providers/{demo.Nacho}/availability?serviceId={demo.Corte}&date=2027-01-13";

        var closed = await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Nacho}/date-overrides/2027-01-13", new DateOverrideRequest([], "Feriado"));
        var whileClosed = await anonymous.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json);
        var cleared = await owner.DeleteAsync($"/api/v1/providers/{demo.Nacho}/date-overrides/2027-01-13");
        var afterwards = await anonymous.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json);

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Contains((await closed.Content.ReadFromJsonAsync<ProviderResponse>(ApiWebApp.Json))!.DateOverrides, o => o.Date == "2027-01-13" && o.Closed);
        Assert.Empty(whileClosed!.Slots);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.NotEmpty(afterwards!.Slots);
        await ProblemAssert.IsValidationAsync(await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Nacho}/date-overrides/13-01-2027", new DateOverrideRequest([], null)), "date");
    }

    [Fact]
    public async Task TimeOff_ByTheProvider_BlocksSlots_AndCanBeRemoved_AnotherProvider_Is404()
    {
        var demo = await app.DemoAsync();
        using var diego = await app.ClientForAsync(Diego);
        using var fede = await app.ClientForAsync(Fede);
        using var anonymous = app.Client();
        var url = $"/api/v1/providers/{demo.Diego}/availability?serviceId={demo.Corte}&date=2027-01-14";
        var before = (await anonymous.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json))!.Slots.Count;

        var added = await diego.PostAsJsonAsync($"/api/v1/providers/{demo.Diego}/time-off", new TimeOffRequest("2027-01-14T10:00", "2027-01-14T12:00:00-03:00", "Médico"));
        var byOther = await fede.PostAsJsonAsync($"/api/v1/providers/{demo.Diego}/time-off", new TimeOffRequest("2027-01-14T15:00", "2027-01-14T16:00", null));
        var during = (await anonymous.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json))!.Slots;

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var timeOff = (await added.Content.ReadFromJsonAsync<TimeOffResponse>(ApiWebApp.Json))!;
        Assert.Equal(new DateTimeOffset(2027, 1, 14, 10, 0, 0, TimeSpan.FromHours(-3)), timeOff.Start);
        Assert.Equal(new DateTimeOffset(2027, 1, 14, 12, 0, 0, TimeSpan.FromHours(-3)), timeOff.End);
        await ProblemAssert.IsProblemAsync(byOther, HttpStatusCode.NotFound);
        Assert.Equal(before - 8, during.Count);
        Assert.DoesNotContain(during, s => s.Start.Hour is 10 or 11);

        var removed = await diego.DeleteAsync($"/api/v1/providers/{demo.Diego}/time-off/{timeOff.Id}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(before, (await anonymous.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json))!.Slots.Count);
    }

    [Fact]
    public async Task TimeOff_OverABooking_Is422_AndUnreadableTimes_Are422()
    {
        var demo = await app.DemoAsync();
        using var customer = await app.ClientForAsync(Customer);
        using var owner = await app.ClientForAsync(Owner);
        Assert.Equal(HttpStatusCode.Created, (await customer.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(new LocalDate(2027, 1, 15), 10), null, null))).StatusCode);

        var inTheWay = await owner.PostAsJsonAsync($"/api/v1/providers/{demo.Nacho}/time-off", new TimeOffRequest("2027-01-15T09:00", "2027-01-15T11:00", null));
        var unreadable = await owner.PostAsJsonAsync($"/api/v1/providers/{demo.Nacho}/time-off", new TimeOffRequest("viernes", null, null));

        var problem = await ProblemAssert.IsValidationAsync(inTheWay, "start");
        Assert.Equal("provider.time_off_has_bookings", problem.GetProperty("code").GetString());
        await ProblemAssert.IsValidationAsync(unreadable, "start", "end");
    }

    [Fact]
    public async Task DeactivateProvider_StopsNewBookings_UntilActiveAgain()
    {
        var demo = await app.DemoAsync();
        using var owner = await app.ClientForAsync(Owner);
        using var customer = await app.ClientForAsync(Customer);
        var start = ApiWebApp.At(new LocalDate(2027, 1, 16), 10);

        var off = await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Nacho}/active", new ActiveRequest(false));
        var refused = await customer.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Nacho, demo.Corte, start, null, null));
        var on = await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Nacho}/active", new ActiveRequest(true));
        var booked = await customer.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Nacho, demo.Corte, start, null, null));

        Assert.False((await off.Content.ReadFromJsonAsync<ProviderResponse>(ApiWebApp.Json))!.Active);
        var problem = await ProblemAssert.IsValidationAsync(refused, "providerId");
        Assert.Equal("booking.provider_inactive", problem.GetProperty("code").GetString());
        Assert.True((await on.Content.ReadFromJsonAsync<ProviderResponse>(ApiWebApp.Json))!.Active);
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        await ProblemAssert.IsValidationAsync(await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Nacho}/active", new { }), "active");
    }
}
