using System.Net;
using System.Net.Http.Json;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;

namespace BarberPro.Tests.Web.Api;

/// <summary>Many requests at once over HTTP: one slot is booked once, and an Idempotency-Key books once however often it is retried.</summary>
public sealed partial class BookingsApiTests
{
    private const int Racers = 32;

    [Fact]
    public async Task OneSlot_PostedBy32CustomersAtOnce_Exactly201Once_AndTheRest409()
    {
        var demo = await app.DemoAsync();
        var start = ApiWebApp.At(Friday, 10);
        var customers = new List<string>();
        for (var i = 0; i < Racers; i++)
            customers.Add((await app.NewCustomerAsync($"racer{i}")).Token);
        var clients = customers.Select(t => app.Client(t)).ToList();
        using var go = new SemaphoreSlim(0);

        var requests = clients.Select(async client =>
        {
            await go.WaitAsync();
            return await client.PostAsJsonAsync("/api/v1/bookings", new CreateBookingRequest(demo.Nacho, demo.Corte, start, null, null));
        }).ToList();
        go.Release(Racers);
        var responses = await Task.WhenAll(requests);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            var problem = await ProblemAssert.IsProblemAsync(loser, HttpStatusCode.Conflict, "slot.taken");
            Assert.NotEmpty(problem.GetProperty("alternatives").EnumerateArray());
        }
        Assert.Equal(1, await CountAsync(demo.Nacho, start));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task IdempotencyKey_RetriedInSequence_ReturnsTheSameBooking()
    {
        var demo = await app.DemoAsync();
        var start = ApiWebApp.At(Friday, 11);
        using var client = await app.ClientForAsync(Customer);
        var key = Guid.NewGuid().ToString();

        var first = await PostWithKeyAsync(client, key, new CreateBookingRequest(demo.Nacho, demo.Corte, start, "primera", null));
        var retry = await PostWithKeyAsync(client, key, new CreateBookingRequest(demo.Nacho, demo.Corte, start, "primera", null));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal((await first.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Id, (await retry.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Id);
        Assert.Equal(1, await CountAsync(demo.Nacho, start));
    }

    [Fact]
    public async Task IdempotencyKey_RetriedConcurrently_BooksOnce_AndEveryRetryGetsThatBooking()
    {
        var demo = await app.DemoAsync();
        var start = ApiWebApp.At(Friday, 12);
        var (_, token) = await app.NewCustomerAsync("retrier");
        var key = Guid.NewGuid().ToString();
        var clients = Enumerable.Range(0, 16).Select(_ => app.Client(token)).ToList();
        using var go = new SemaphoreSlim(0);

        var requests = clients.Select(async client =>
        {
            await go.WaitAsync();
            return await PostWithKeyAsync(client, key, new CreateBookingRequest(demo.Nacho, demo.Corte, start, null, null));
        }).ToList();
        go.Release(clients.Count);
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = new HashSet<Guid>();
        foreach (var response in responses)
            ids.Add((await response.Content.ReadFromJsonAsync<BookingResponse>(ApiWebApp.Json))!.Id);
        Assert.Single(ids);
        Assert.Single(responses, r => !r.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CountAsync(demo.Nacho, start));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task IdempotencyKey_ReusedForAnotherBooking_Is422_AndBooksNothing()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await PostWithKeyAsync(client, key, new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(Friday, 15), null, null))).StatusCode);

        var reused = await PostWithKeyAsync(client, key, new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(Friday, 16), null, null));

        var problem = await ProblemAssert.IsValidationAsync(reused, "idempotencyKey");
        Assert.Equal("idempotency.key_reused", problem.GetProperty("code").GetString());
        Assert.Equal(0, await CountAsync(demo.Nacho, ApiWebApp.At(Friday, 16)));
    }

    [Fact]
    public async Task IdempotencyKey_SameKeyOtherCustomer_IsAnotherBooking()
    {
        var demo = await app.DemoAsync();
        var key = Guid.NewGuid().ToString();
        var (_, a) = await app.NewCustomerAsync("key-a");
        var (_, b) = await app.NewCustomerAsync("key-b");
        using var first = app.Client(a);
        using var second = app.Client(b);

        var one = await PostWithKeyAsync(first, key, new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(Friday, 17), null, null));
        var other = await PostWithKeyAsync(second, key, new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(Friday, 18), null, null));

        Assert.Equal(HttpStatusCode.Created, one.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task IdempotencyKey_Unusable_Is422()
    {
        var demo = await app.DemoAsync();
        using var client = await app.ClientForAsync(Customer);

        var response = await PostWithKeyAsync(client, new string('k', 101), new CreateBookingRequest(demo.Nacho, demo.Corte, ApiWebApp.At(Friday, 19), null, null));

        await ProblemAssert.IsValidationAsync(response, "idempotencyKey");
    }

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string key, CreateBookingRequest body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bookings") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
