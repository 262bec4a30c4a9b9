using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace BarberPro.Load;

public static partial class Suite
{
    private sealed record Slot(string Provider, string Start);

    /// <summary>
    /// Booking storms over HTTP as registered customers, each request a new Idempotency-Key, after a warm-up (book and
    /// cancel): the most commits a second (a closed loop over starts that do not overlap: every answer a 201), then spread
    /// over every barber and their free starts of five weeks (each request another start: most commit, though a start may
    /// overlap one booked just before), then contended on one barber's one day (most answers 409), then the race: N
    /// customers at once for the same slot, several slots, exactly one 201 each.
    /// </summary>
    private static async Task<List<StepResult>> BookingStepsAsync(SuiteOptions o, HttpClient client, string[] providers, string service,
        DateOnly today, TimeSpan duration, Latencies lateness)
    {
        var results = new List<StepResult>();
        var customers = await RegisterAsync(client, o.Smoke ? 8 : 64);
        // Separate days for each storm, inside the demo's 60-day horizon: the contended one first, then five weeks shared by
        // the closed loop and the spread storm, then the race's, then the warm-up's. A second run against the same app
        // (--url) finds them taken.
        var contendedDay = today.AddDays(4);
        var spreadDays = Enumerable.Range(5, o.Smoke ? 6 : 36).Select(d => today.AddDays(d)).ToArray();
        // The closed loop's days: every other day of the same five weeks goes to it (its starts do not overlap), the rest to the open loop.
        var maxDays = spreadDays.Where((_, k) => k % 2 == 1).ToArray();
        spreadDays = spreadDays.Where((_, k) => k % 2 == 0).ToArray();
        var raceDays = Enumerable.Range(42, 8).Select(d => today.AddDays(d)).ToArray();
        // Warm-up days (the last of the horizon): bookings made and cancelled before the measured ones, so that the
        // booking path's code is compiled to its optimized tier first (on a fresh process the JIT's tiering thread took a
        // quarter to a third of the CPU during the first storms); --warm-start measures a fresh process on its own.
        var warmUpDays = Enumerable.Range(50, o.Smoke ? 2 : 8).Select(d => today.AddDays(d)).ToArray();

        // Spread: each request a different free start (shuffled) until they run out; contended: random starts of one day.
        Func<long, CancellationToken, Task<Outcome>> Book(IReadOnlyList<Slot> slots, int customerCount, bool distinct) => async (i, ct) =>
        {
            var slot = distinct ? slots[(int)(i % slots.Count)] : slots[Random.Shared.Next(slots.Count)];
            var (status, _) = await PostBookingAsync(client, customers[(int)(i % customerCount)], service, slot, ct);
            return status == HttpStatusCode.Created ? Outcome.Ok : status == HttpStatusCode.Conflict ? Outcome.Expected : Outcome.Error;
        };

        if (o.Runs("bookings") || o.Runs("race"))
            await WarmUpAsync();

        async Task WarmUpAsync()
        {
            var warm = new List<Slot>();
            foreach (var day in warmUpDays)
                foreach (var provider in providers)
                    warm.AddRange(NonOverlapping(await FreeSlotsAsync(client, provider, service, day)));
            if (warm.Count == 0)
                return;
            // Book a start and cancel that booking, over and over: the commit path as often as the read path.
            var warmCustomers = Math.Min(32, customers.Length);
            var warmUp = await Generator.ClosedLoopAsync("warm-up", warmCustomers, TimeSpan.FromSeconds(o.Smoke ? 1 : 20), async (i, ct) =>
            {
                var customer = customers[(int)(i % warmCustomers)];
                var (status, id) = await PostBookingAsync(client, customer, service, warm[(int)(i % warm.Count)], ct);
                if (status == HttpStatusCode.Conflict)
                    return Outcome.Expected;
                if (status != HttpStatusCode.Created)
                    return Outcome.Error;
                using var cancel = new HttpRequestMessage(HttpMethod.Post, $"api/v1/bookings/{id}/cancel") { Content = JsonContent.Create(new { }) };
                cancel.Headers.Authorization = new AuthenticationHeaderValue("Bearer", customer);
                using var cancelled = await client.SendAsync(cancel, ct);
                return cancelled.IsSuccessStatusCode ? Outcome.Ok : Outcome.Error;
            });
            await Console.Error.WriteLineAsync($"Booking warm-up: {warmUp.Ok} booked and cancelled, {warmUp.Expected} taken, {warmUp.Errors} errors, {warmUp.Seconds:N1} s.");
        }
        if (o.Runs("bookings"))
        {
            // The most commits a second: 32 customers in a closed loop, each request the next of the barbers' free starts
            // that do not overlap one another (every answer should be a 201), until they run out or the step ends.
            var distinct = new List<Slot>();
            foreach (var day in maxDays)
                foreach (var provider in providers)
                    distinct.AddRange(NonOverlapping(await FreeSlotsAsync(client, provider, service, day)));
            distinct = distinct.OrderBy(_ => Random.Shared.Next()).ToList();
            var max = await Generator.ClosedLoopAsync($"POST bookings, 32 customers over {providers.Length} barbers", Math.Min(32, customers.Length), duration,
                Book(distinct, Math.Min(32, customers.Length), distinct: true), limit: distinct.Count);
            results.Add(max with { Notes = $"201: {max.Ok:N0} (**{max.Ok / max.Seconds:N0} commits/s**), 409: {max.Expected:N0}, {distinct.Count} starts that do not overlap" });

            var spread = new List<Slot>();
            foreach (var day in spreadDays)
                foreach (var provider in providers)
                    spread.AddRange(await FreeStartsAsync(client, provider, service, day));
            spread = spread.OrderBy(_ => Random.Shared.Next()).ToList();
            var rate = o.Smoke ? 20 : 200;
            var step = await Generator.OpenLoopAsync($"POST bookings, 32 customers over {providers.Length} barbers", rate, duration,
                Book(spread, Math.Min(32, customers.Length), distinct: true), lateness);
            results.Add(step with { Notes = $"201: {step.Ok:N0} ({step.Ok / step.Seconds:N0}/s), 409: {step.Expected:N0}, {spread.Count} free starts" });

            var contended = await FreeStartsAsync(client, providers[0], service, contendedDay);
            step = await Generator.OpenLoopAsync("POST bookings, 32 customers on one barber-day", rate, duration,
                Book(contended, Math.Min(32, customers.Length), distinct: false), lateness);
            results.Add(step with { Notes = $"201: {step.Ok:N0}, 409: {step.Expected:N0}, {contended.Count} free starts" });
        }
        if (o.Runs("race"))
        {
            var slots = new List<Slot>();
            foreach (var day in raceDays)
            {
                foreach (var provider in providers)
                    slots.AddRange((await FreeStartsAsync(client, provider, service, day)).Where((_, k) => k % 3 == 0));
                if (slots.Count >= (o.Smoke ? 2 : 30))
                    break;
            }
            slots = slots.Take(o.Smoke ? 2 : 30).ToList();
            var latencies = new Latencies();
            int won = 0, lost = 0, errors = 0, doubles = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            foreach (var slot in slots)
            {
                var statuses = await Task.WhenAll(customers.Select(async c =>
                {
                    var sent = System.Diagnostics.Stopwatch.GetTimestamp();
                    HttpStatusCode status;
                    try
                    {
                        (status, _) = await PostBookingAsync(client, c, service, slot, CancellationToken.None);
                    }
                    catch (Exception)
                    {
                        status = 0;
                    }
                    latencies.Add(System.Diagnostics.Stopwatch.GetTimestamp() - sent);
                    return status;
                }));
                var created = statuses.Count(s => s == HttpStatusCode.Created);
                won += Math.Min(created, 1);
                doubles += Math.Max(0, created - 1);
                lost += statuses.Count(s => s == HttpStatusCode.Conflict);
                errors += statuses.Count(s => s is not HttpStatusCode.Created and not HttpStatusCode.Conflict);
            }
            var notes = $"{slots.Count} slots: {won} won, {doubles} doubles, {lost} 409";
            if (won != slots.Count || doubles > 0)
                errors += Math.Max(1, slots.Count - won + doubles);
            results.Add(new StepResult($"race: {customers.Length} customers at once for one slot", "burst", latencies, won, lost + doubles, errors,
                clock.Elapsed.TotalSeconds, notes));
        }
        return results;
    }

    private static int _failuresShown;

    /// <summary>Books <paramref name="slot"/> as the customer of <paramref name="token"/>; the answer's status and, for a 201, the booking's id.</summary>
    private static async Task<(HttpStatusCode Status, string? Id)> PostBookingAsync(HttpClient client, string token, string service, Slot slot,
        CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/bookings")
        {
            Content = JsonContent.Create(new { providerId = slot.Provider, serviceId = service, startTime = slot.Start }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode is not HttpStatusCode.Created and not HttpStatusCode.Conflict && Interlocked.Increment(ref _failuresShown) <= 3)
            await Console.Error.WriteLineAsync($"booking answered {(int)response.StatusCode}: {body[..Math.Min(300, body.Length)]}");
        var id = response.StatusCode == HttpStatusCode.Created ? JsonDocument.Parse(body).RootElement.GetProperty("id").GetString() : null;
        return (response.StatusCode, id);
    }

    /// <summary>The day's free slots as start and end.</summary>
    private static async Task<List<(Slot Slot, DateTimeOffset End)>> FreeSlotsAsync(HttpClient client, string provider, string service, DateOnly day)
    {
        var answer = await client.GetFromJsonAsync<JsonElement>($"api/v1/providers/{provider}/availability?serviceId={service}&date={day:yyyy-MM-dd}", Json);
        return answer.GetProperty("slots").EnumerateArray()
            .Select(s => (new Slot(provider, s.GetProperty("start").GetString()!), s.GetProperty("end").GetDateTimeOffset()))
            .ToList();
    }

    /// <summary>Free slots of one provider-day that do not overlap one another: each the first that starts at or after the last one's end.</summary>
    private static IEnumerable<Slot> NonOverlapping(List<(Slot Slot, DateTimeOffset End)> slots)
    {
        var free = DateTimeOffset.MinValue;
        foreach (var (slot, end) in slots.OrderBy(s => DateTimeOffset.Parse(s.Slot.Start, System.Globalization.CultureInfo.InvariantCulture)))
        {
            if (DateTimeOffset.Parse(slot.Start, System.Globalization.CultureInfo.InvariantCulture) < free)
                continue;
            free = end;
            yield return slot;
        }
    }

    private static async Task<List<Slot>> FreeStartsAsync(HttpClient client, string provider, string service, DateOnly day) =>
        (await FreeSlotsAsync(client, provider, service, day)).Select(s => s.Slot).ToList();

    /// <summary>Registers <paramref name="count"/> customers (the run's rate limits must allow it) and returns their bearer tokens.</summary>
    private static async Task<string[]> RegisterAsync(HttpClient client, int count)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        return await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var email = $"load-{stamp}-{i}@example.com";
            const string password = "BarberPro2026!";
            using var registered = await client.PostAsJsonAsync("api/v1/auth/register",
                new { fullName = $"Cliente Carga {i}", email, phone = "+5491123456789", password });
            if (!registered.IsSuccessStatusCode)
                throw new SuiteFailure($"registering a customer answered {(int)registered.StatusCode}: {await registered.Content.ReadAsStringAsync()} (are the RateLimiting__Register__* limits raised?)");
            using var token = await client.PostAsJsonAsync("api/v1/auth/token", new { email, password });
            if (!token.IsSuccessStatusCode)
                throw new SuiteFailure($"a token answered {(int)token.StatusCode} (are the RateLimiting__Token__* limits raised?)");
            return (await token.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!;
        }));
    }
}
