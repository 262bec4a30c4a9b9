using System.Collections.Immutable;
using System.Net;
using System.Net.Http.Json;
using BarberPro.Domain.Availability;
using BarberPro.Domain.Data;
using BarberPro.Tests.TestSupport;
using BarberPro.Web.Features.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BarberPro.Tests.Web.Api;

/// <summary>
/// The availability cache (docs/decisions/0015) never shows a slot whose booking this server has confirmed: real Kestrel,
/// a real SQLite file, concurrent readers and writers over HTTP.
/// </summary>
public sealed class AvailabilityCacheApiTests(ApiWebApp app) : IClassFixture<ApiWebApp>
{
    private const string Owner = "owner@barberpro.local";

    /// <summary>Tuesdays after the demo bookings end: Diego's days are free.</summary>
    private static readonly LocalDate RaceDay = new(2027, 1, 5);
    private static readonly LocalDate HoursDay = new(2027, 1, 12);
    private static readonly LocalDate WeeklyDay = new(2027, 1, 19);

    private const int Readers = 12;
    private const int Writers = 4;

    [Fact]
    public async Task BookingsCommitting_WhileReadersHammerTheDay_NoAnswerStartedAfterA201ShowsItsSlot()
    {
        var demo = await app.DemoAsync();
        var url = $"/api/v1/providers/{demo.Diego}/availability?serviceId={demo.Corte}&date={RaceDay:yyyy-MM-dd}";
        using var warm = app.Client();
        var initial = (await warm.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json))!.Slots;
        // Starts far enough apart that none of them blocks another: every attempt should commit.
        var targets = new List<SlotResponse>();
        foreach (var slot in initial)
            if (targets.Count == 0 || slot.Start >= targets[^1].End.AddMinutes(30))
                targets.Add(slot);
        Assert.True(targets.Count >= 8, $"only {targets.Count} separate slots on the day");

        var writers = new List<HttpClient>();
        for (var i = 0; i < Writers; i++)
            writers.Add(app.Client((await app.NewCustomerAsync($"cache-writer{i}")).Token));
        var readers = Enumerable.Range(0, Readers).Select(_ => app.Client()).ToList();
        // Warm the cache, so the readers are served from it when the race starts.
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await readers[0].GetAsync(url)).StatusCode);

        var confirmed = ImmutableList<DateTimeOffset>.Empty;
        var writing = Writers;
        var violations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var reads = 0;
        using var go = new Barrier(Readers + Writers);

        var writerTasks = writers.Select((client, w) => Task.Run(async () =>
        {
            go.SignalAndWait();
            try
            {
                for (var i = w; i < targets.Count; i += Writers)
                {
                    var response = await client.PostAsJsonAsync("/api/v1/bookings",
                        new CreateBookingRequest(demo.Diego, demo.Corte, targets[i].Start.ToString("yyyy-MM-ddTHH:mm:sszzz"), null, null));
                    if (response.StatusCode == HttpStatusCode.Created)
                        ImmutableInterlocked.Update(ref confirmed, list => list.Add(targets[i].Start));
                    else
                        violations.Enqueue($"booking {targets[i].Start} answered {(int)response.StatusCode}");
                }
            }
            finally
            {
                Interlocked.Decrement(ref writing);
            }
        })).ToList();

        var readerTasks = readers.Select(client => Task.Run(async () =>
        {
            go.SignalAndWait();
            do
            {
                // What had been confirmed before this answer started: none of it may be offered.
                var before = Volatile.Read(ref confirmed);
                var answer = (await client.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json))!;
                Interlocked.Increment(ref reads);
                foreach (var shown in answer.Slots.Select(s => s.Start).Intersect(before))
                    violations.Enqueue($"slot {shown} shown after its booking was confirmed");
            }
            while (Volatile.Read(ref writing) > 0);
        })).ToList();

        await Task.WhenAll(writerTasks.Concat(readerTasks));

        Assert.Empty(violations);
        Assert.Equal(targets.Count, confirmed.Count);
        Assert.True(reads > Readers, $"only {reads} reads");
        var after = (await warm.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json))!.Slots.Select(s => s.Start);
        Assert.Empty(after.Intersect(confirmed));
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<BarberProDbContext>>().CreateDbContextAsync();
        var starts = confirmed.Select(c => NodaTime.Instant.FromDateTimeOffset(c)).ToList();
        Assert.Equal(targets.Count, await db.Bookings.CountAsync(b => b.ProviderId == demo.Diego && starts.Contains(b.Start)));
        writers.Concat(readers).ToList().ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task DateOverride_ChangesTheHours_TheNextAnswerHasTheNewHours()
    {
        var demo = await app.DemoAsync();
        var url = $"/api/v1/providers/{demo.Diego}/availability?serviceId={demo.Corte}&date={HoursDay:yyyy-MM-dd}";
        using var reader = app.Client();
        using var owner = await app.ClientForAsync(Owner);
        for (var i = 0; i < 3; i++)
            Assert.NotEmpty((await reader.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json))!.Slots);

        var put = await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Diego}/date-overrides/{HoursDay:yyyy-MM-dd}", new DateOverrideRequest([], "Trámite"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Empty((await reader.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json))!.Slots);

        var cleared = await owner.DeleteAsync($"/api/v1/providers/{demo.Diego}/date-overrides/{HoursDay:yyyy-MM-dd}");
        Assert.True(cleared.IsSuccessStatusCode);
        Assert.NotEmpty((await reader.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json))!.Slots);
    }

    [Fact]
    public async Task ShopClosedOnADate_TheNextAnswerHasNoSlots_ForOneProviderOrAny()
    {
        var demo = await app.DemoAsync();
        var day = new LocalDate(2027, 1, 29);
        var one = $"/api/v1/providers/{demo.Nacho}/availability?serviceId={demo.Corte}&date={day:yyyy-MM-dd}";
        var any = $"/api/v1/shops/{demo.ShopId}/availability?serviceId={demo.Corte}&date={day:yyyy-MM-dd}";
        using var reader = app.Client();
        using var owner = await app.ClientForAsync(Owner);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotEmpty((await reader.GetFromJsonAsync<AvailabilityResponse>(one, ApiWebApp.Json))!.Slots);
            Assert.NotEmpty((await reader.GetFromJsonAsync<AnyAvailabilityResponse>(any, ApiWebApp.Json))!.Slots);
        }

        var closed = await owner.PutAsJsonAsync($"/api/v1/shops/{demo.ShopId}/closures/{day:yyyy-MM-dd}", new ShopClosureRequest("Feriado"));
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        Assert.Empty((await reader.GetFromJsonAsync<AvailabilityResponse>(one, ApiWebApp.Json))!.Slots);
        Assert.Empty((await reader.GetFromJsonAsync<AnyAvailabilityResponse>(any, ApiWebApp.Json))!.Slots);
    }

    [Fact]
    public async Task WeeklyHours_Replaced_TheNextAnswerHasTheNewHours()
    {
        var demo = await app.DemoAsync();
        var url = $"/api/v1/providers/{demo.Fede}/availability?serviceId={demo.Corte}&date={WeeklyDay:yyyy-MM-dd}";
        using var reader = app.Client();
        using var owner = await app.ClientForAsync(Owner);
        for (var i = 0; i < 3; i++)
            await reader.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json);

        var put = await owner.PutAsJsonAsync($"/api/v1/providers/{demo.Fede}/working-hours",
            new WorkingHoursRequest([new WorkingHoursEntry(NodaTime.IsoDayOfWeek.Tuesday, "10:00", "11:00")]));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var slots = (await reader.GetFromJsonAsync<AvailabilityResponse>(url, ApiWebApp.Json))!.Slots;
        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.InRange(s.Start.Hour, 10, 10));
    }

    [Fact]
    public async Task Availability_IfNoneMatch_SameSlots_Is304WithoutBody_AndABookingChangesTheTag()
    {
        var demo = await app.DemoAsync();
        var day = new LocalDate(2027, 1, 26);
        var url = $"/api/v1/providers/{demo.Diego}/availability?serviceId={demo.Corte}&date={day:yyyy-MM-dd}";
        using var reader = app.Client();
        var first = await reader.GetAsync(url);
        var tag = first.Headers.ETag!;
        Assert.True(tag.IsWeak);

        using var again = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { tag } } };
        var notModified = await reader.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, notModified.Headers.ETag);

        var slot = (await first.Content.ReadFromJsonAsync<AvailabilityResponse>(ApiWebApp.Json))!.Slots[0];
        using var customer = app.Client((await app.NewCustomerAsync("etag")).Token);
        var booked = await customer.PostAsJsonAsync("/api/v1/bookings",
            new CreateBookingRequest(demo.Diego, demo.Corte, slot.Start.ToString("yyyy-MM-ddTHH:mm:sszzz"), null, null));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        using var afterBooking = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { IfNoneMatch = { tag } } };
        var changed = await reader.SendAsync(afterBooking);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(tag, changed.Headers.ETag);
        Assert.DoesNotContain((await changed.Content.ReadFromJsonAsync<AvailabilityResponse>(ApiWebApp.Json))!.Slots, s => s.Start == slot.Start);
    }

    [Fact]
    public async Task AnyAvailability_IsTheUnionOfTheProvidersSlots_WithWhoIsFree_AndHasAnETag()
    {
        var demo = await app.DemoAsync();
        var day = new LocalDate(2027, 2, 2);
        using var client = app.Client();
        var response = await client.GetAsync($"/api/v1/shops/{demo.ShopId}/availability?serviceId={demo.Corte}&date={day:yyyy-MM-dd}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var any = (await response.Content.ReadFromJsonAsync<AnyAvailabilityResponse>(ApiWebApp.Json))!;

        var expected = new Dictionary<DateTimeOffset, SortedSet<Guid>>();
        foreach (var provider in new[] { demo.Diego, demo.Fede, demo.Nacho })
        {
            var own = await client.GetAsync($"/api/v1/providers/{provider}/availability?serviceId={demo.Corte}&date={day:yyyy-MM-dd}");
            if (own.StatusCode != HttpStatusCode.OK)
                continue;
            foreach (var slot in (await own.Content.ReadFromJsonAsync<AvailabilityResponse>(ApiWebApp.Json))!.Slots)
                (expected.TryGetValue(slot.Start, out var set) ? set : expected[slot.Start] = []).Add(provider);
        }
        Assert.NotEmpty(any.Slots);
        Assert.Equal(expected.Keys.Order(), any.Slots.Select(s => s.Start));
        Assert.All(any.Slots, s => Assert.Equal(expected[s.Start], s.ProviderIds.Order()));

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/shops/{demo.ShopId}/availability?serviceId={demo.Corte}&date={day:yyyy-MM-dd}")
        {
            Headers = { IfNoneMatch = { response.Headers.ETag! } },
        };
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        await ProblemAssert.IsProblemAsync(await client.GetAsync($"/api/v1/shops/{demo.ShopId}/availability?serviceId={Guid.NewGuid()}&date={day:yyyy-MM-dd}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsValidationAsync(await client.GetAsync($"/api/v1/shops/{demo.ShopId}/availability?serviceId={demo.Corte}&date=mañana"), "date");
    }

    [Fact]
    public async Task ShopDetail_AServiceAddedOrRenamed_ShowsInTheNextAnswer()
    {
        var demo = await app.DemoAsync();
        using var reader = app.Client();
        using var owner = await app.ClientForAsync(Owner);
        for (var i = 0; i < 3; i++)
            await reader.GetFromJsonAsync<ShopDetail>($"/api/v1/shops/{demo.ShopId}", ApiWebApp.Json);
        for (var i = 0; i < 3; i++)
            await reader.GetFromJsonAsync<ShopDetail>("/api/v1/shops/barberpro-palermo", ApiWebApp.Json);

        var created = await owner.PostAsJsonAsync($"/api/v1/shops/{demo.ShopId}/services", new ServiceRequest("Afeitado clásico", 30, 6000m, 0, 5, 1, null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var service = (await created.Content.ReadFromJsonAsync<ServiceResponse>(ApiWebApp.Json))!;
        Assert.Contains((await reader.GetFromJsonAsync<ShopDetail>($"/api/v1/shops/{demo.ShopId}", ApiWebApp.Json))!.Services, s => s.Name == "Afeitado clásico");
        Assert.Contains((await reader.GetFromJsonAsync<ShopDetail>("/api/v1/shops/barberpro-palermo", ApiWebApp.Json))!.Services, s => s.Name == "Afeitado clásico");

        var renamed = await owner.PutAsJsonAsync($"/api/v1/services/{service.Id}", new ServiceRequest("Afeitado a navaja", 30, 6000m, 0, 5, 1, null));
        Assert.True(renamed.IsSuccessStatusCode);
        var names = (await reader.GetFromJsonAsync<ShopDetail>("/api/v1/shops/barberpro-palermo", ApiWebApp.Json))!.Services.Select(s => s.Name).ToList();
        Assert.Contains("Afeitado a navaja", names);
        Assert.DoesNotContain("Afeitado clásico", names);
    }

    [Fact]
    public void Cache_EntryLoadedBeforeAWrite_StoredAfterIt_IsNeverServed()
    {
        var clock = new NodaTime.Testing.FakeClock(NodaTime.Instant.FromUtc(2027, 1, 1, 12, 0));
        using var cache = new AgendaCache(clock);
        var (shop, provider) = (Guid.NewGuid(), Guid.NewGuid());
        cache.LearnShop(provider, shop);

        var stamp = cache.StampOfProvider(provider)!.Value;   // a reader stamps, then loads
        cache.InvalidateProvider(provider);                   // a booking commits meanwhile
        cache.Set("day", "stale", shop, provider, stamp);     // the reader stores what it loaded

        Assert.False(cache.TryGet<string>("day", out _));
        cache.Set("day", "fresh", shop, provider, cache.StampOfProvider(provider)!.Value);
        Assert.True(cache.TryGet<string>("day", out var fresh));
        Assert.Equal("fresh", fresh);
        cache.InvalidateShop(shop);
        Assert.False(cache.TryGet<string>("day", out _));
        cache.Set("day", "fresh", shop, provider, cache.StampOfProvider(provider)!.Value);
        clock.Advance(AgendaCache.Lifetime);
        Assert.False(cache.TryGet<string>("day", out _));
    }
}
