using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Bookings;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;

namespace BarberPro.Tests.Web.Api;

/// <summary>Cancel, confirm, complete, no-show and reschedule: the domain's lifecycle rules, as HTTP statuses.</summary>
public sealed partial class BookingsApiTests
{
    [Fact]
    public async Task Cancel_ByCustomer_Is200_AndAgain_Is409()
    {
        var booking = await BookAsCustomerAsync(p => p.Fede, Thursday, 10);
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new CancelBookingRequest("Me surgió un viaje"));
        var again = await client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new CancelBookingRequest(null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cancelled = (await response.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!;
        Assert.Equal(BookingStatus.Cancelled, cancelled.Status);
        Assert.Equal("Me surgió un viaje", cancelled.CancellationReason);
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict, "booking.invalid_transition");
    }

    [Fact]
    public async Task Cancel_WithoutABody_Works()
    {
        var booking = await BookAsCustomerAsync(p => p.Fede, Thursday, 15);
        using var client = await app.ClientForAsync(Customer);

        var response = await client.PostAsync($"/api/v1/bookings/{booking.Id}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Cancel_ByCustomer_InsideTheWindow_Is409_ButTheShopMay()
    {
        var booking = await BookAsCustomerAsync(p => p.Fede, Thursday, 11);
        using var client = await app.ClientForAsync(Customer);
        using var owner = await app.ClientForAsync(Owner);
        try
        {
            app.Clock.Reset(TestAgenda.Local(Wednesday.At(new LocalTime(12, 0))));

            var refused = await client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new CancelBookingRequest("Tarde"));
            var byShop = await owner.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new CancelBookingRequest("Cerramos"));

            var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Conflict, "booking.cancellation_window");
            Assert.Contains("24 horas", problem.GetProperty("detail").GetString());
            Assert.Equal(HttpStatusCode.OK, byShop.StatusCode);
        }
        finally
        {
            app.Clock.Reset(TestAgenda.DefaultNow);
        }
    }

    [Fact]
    public async Task Cancel_AnotherCustomersBooking_Is404_AndNothingChanges()
    {
        var booking = await BookAsCustomerAsync(p => p.Fede, Thursday, 12);
        var (_, stranger) = await app.NewCustomerAsync("canceller");
        using var other = app.Client(stranger);
        using var client = await app.ClientForAsync(Customer);

        var response = await other.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new CancelBookingRequest("ja"));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(BookingStatus.Pending, (await client.GetFromJsonAsync<BookingResponse>($"/api/v1/bookings/{booking.Id}", ApiWebApp.Json))!.Status);
    }

    [Fact]
    public async Task Confirm_ByItsProvider_Is200_ByAnotherProvider_Is404()
    {
        var booking = await BookAsCustomerAsync(p => p.Diego, Thursday, 10);
        using var fede = await app.ClientForAsync(Fede);
        using var diego = await app.ClientForAsync(Diego);

        var byOther = await fede.PostAsync($"/api/v1/bookings/{booking.Id}/confirm", null);
        var byDiego = await diego.PostAsync($"/api/v1/bookings/{booking.Id}/confirm", null);
        var twice = await diego.PostAsync($"/api/v1/bookings/{booking.Id}/confirm", null);

        await ProblemAssert.IsProblemAsync(byOther, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, byDiego.StatusCode);
        Assert.Equal(BookingStatus.Confirmed, (await byDiego.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Status);
        await ProblemAssert.IsProblemAsync(twice, HttpStatusCode.Conflict, "booking.invalid_transition");
    }

    /// <summary>A customer confirms their own pending booking (as a reply to a reminder does), once.</summary>
    [Fact]
    public async Task Confirm_ByTheCustomer_ConfirmsTheirPendingBooking_Once()
    {
        var booking = await BookAsCustomerAsync(p => p.Nacho, Thursday, 17);
        using var customer = await app.ClientForAsync(Customer);

        var first = await customer.PostAsync($"/api/v1/bookings/{booking.Id}/confirm", null);
        var twice = await customer.PostAsync($"/api/v1/bookings/{booking.Id}/confirm", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(BookingStatus.Confirmed, (await first.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Status);
        await ProblemAssert.IsProblemAsync(twice, HttpStatusCode.Conflict, "booking.invalid_transition");
    }

    [Fact]
    public async Task AnotherProvider_CannotCancelCompleteOrMoveTheBooking()
    {
        var booking = await BookAsCustomerAsync(p => p.Diego, Thursday, 11);
        using var fede = await app.ClientForAsync(Fede);

        await ProblemAssert.IsProblemAsync(await fede.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/cancel", new CancelBookingRequest("x")), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await fede.PostAsync($"/api/v1/bookings/{booking.Id}/complete", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await fede.PostAsync($"/api/v1/bookings/{booking.Id}/no-show", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await fede.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule",
            new RescheduleBookingRequest(ApiWebApp.At(Thursday, 16))), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Complete_BeforeTheStart_Is409_After_Is200_AndNoShowToo()
    {
        var attended = await BookAsCustomerAsync(p => p.Diego, Thursday, 12);
        var missed = await BookAsCustomerAsync(p => p.Diego, Thursday, 13);
        using var diego = await app.ClientForAsync(Diego);

        var early = await diego.PostAsync($"/api/v1/bookings/{attended.Id}/complete", null);
        HttpResponseMessage completed, noShow, customerTries;
        try
        {
            app.Clock.Reset(TestAgenda.Local(Thursday.At(new LocalTime(13, 40))));
            completed = await diego.PostAsync($"/api/v1/bookings/{attended.Id}/complete", null);
            noShow = await diego.PostAsync($"/api/v1/bookings/{missed.Id}/no-show", null);
            using var customer = await app.ClientForAsync(Customer);
            customerTries = await customer.PostAsync($"/api/v1/bookings/{missed.Id}/complete", null);
        }
        finally
        {
            app.Clock.Reset(TestAgenda.DefaultNow);
        }

        await ProblemAssert.IsProblemAsync(early, HttpStatusCode.Conflict, "booking.not_started");
        Assert.Equal(BookingStatus.Completed, (await completed.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Status);
        Assert.Equal(BookingStatus.NoShow, (await noShow.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Status);
        await ProblemAssert.IsProblemAsync(customerTries, HttpStatusCode.Conflict, "booking.invalid_transition");
    }

    [Fact]
    public async Task Reschedule_ToAFreeStart_Is200_ToATakenOne_Is409WithAlternatives_OutsideHours_Is422()
    {
        var demo = await app.DemoAsync();
        var booking = await BookAsCustomerAsync(p => p.Nacho, Thursday, 10);
        await BookAsCustomerAsync(p => p.Nacho, Thursday, 12);
        using var client = await app.ClientForAsync(Customer);

        var moved = await client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest(ApiWebApp.At(Thursday, 11)));
        var taken = await client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest(ApiWebApp.At(Thursday, 12)));
        var outside = await client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest(ApiWebApp.At(Thursday, 21)));
        var unreadable = await client.PostAsJsonAsync($"/api/v1/bookings/{booking.Id}/reschedule", new RescheduleBookingRequest("jueves"));

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(new DateTimeOffset(2027, 1, 7, 11, 0, 0, TimeSpan.FromHours(-3)), (await moved.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Start);
        var problem = await ProblemAssert.IsProblemAsync(taken, HttpStatusCode.Conflict, "slot.taken");
        Assert.NotEmpty(problem.GetProperty("alternatives").EnumerateArray());
        await ProblemAssert.IsValidationAsync(outside, "startTime");
        await ProblemAssert.IsValidationAsync(unreadable, "startTime");
        Assert.Equal(0, await CountAsync(demo.Nacho, ApiWebApp.At(Thursday, 10)));
    }
}
