using System.Diagnostics;

namespace BarberPro.Load;

/// <summary>How a request ended: a success, an answer the step expects besides success (a 409 in a booking storm), or an error.</summary>
public enum Outcome { Ok, Expected, Error }

/// <summary>One line of the table: what was asked, at what rate, and what came back.</summary>
public sealed record StepResult(string What, string Rate, Latencies Latencies, int Ok, int Expected, int Errors, double Seconds, string Notes = "")
{
    public int Completed => Ok + Expected + Errors;
    public double Throughput => Completed / Seconds;
    public double? Ratio { get; set; }
}

public static class Generator
{
    /// <summary>
    /// Open loop: request <c>i</c> is due at <c>start + i / rate</c> and is sent then, whether or not earlier ones have
    /// answered (a dedicated thread launches every due request, waking each millisecond). Its latency runs from that
    /// scheduled moment to the end of the answer, so time spent queued behind a slow server — in the generator, in a
    /// socket or in the server — is counted (no coordinated omission). The generator's own lateness (when it sent a
    /// request after its due time) is part of the latency too, and is reported as <paramref name="lateness"/>.
    /// </summary>
    public static async Task<StepResult> OpenLoopAsync(string what, double rate, TimeSpan duration,
        Func<long, CancellationToken, Task<Outcome>> send, Latencies? lateness = null, string notes = "")
    {
        var total = Math.Max(1, (long)(rate * duration.TotalSeconds));
        var latencies = new Latencies();
        int ok = 0, expected = 0, errors = 0;
        var pending = new List<Task>((int)Math.Min(total, 1_000_000));
        var frequency = Stopwatch.Frequency;
        var start = Stopwatch.GetTimestamp() + frequency / 100;
        using var stop = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));

        async Task Fire(long i, long due)
        {
            Outcome outcome;
            try
            {
                outcome = await send(i, stop.Token);
            }
            catch (Exception)
            {
                outcome = Outcome.Error;
            }
            latencies.Add(Stopwatch.GetTimestamp() - due);
            if (outcome == Outcome.Ok)
                    Interlocked.Increment(ref ok);
                else if (outcome == Outcome.Expected)
                    Interlocked.Increment(ref expected);
                else
                    Interlocked.Increment(ref errors);
        }

        var scheduler = new Thread(() =>
        {
            for (long i = 0; i < total; i++)
            {
                var due = start + (long)(i * frequency / rate);
                // Sleep while the next request is more than ~1 ms away (the kernel's granularity), then yield until it is due.
                for (long now; (now = Stopwatch.GetTimestamp()) < due;)
                {
                    if (due - now > frequency / 800)
                        Thread.Sleep(1);
                    else
                        Thread.Yield();
                }
                lateness?.Add(Stopwatch.GetTimestamp() - due);
                pending.Add(Fire(i, due));
            }
        }) { IsBackground = true, Name = "open-loop scheduler" };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(pending);
        var seconds = (Stopwatch.GetTimestamp() - start) / (double)frequency;
        return new StepResult(what, $"{rate:N0}/s", latencies, ok, expected, errors, seconds, notes);
    }

    /// <summary>
    /// Closed loop (what wrk does): <paramref name="concurrency"/> workers each send the next request as soon as the last
    /// answered, for <paramref name="duration"/>. Gives the maximum throughput; its latencies are those of a saturated
    /// server seen by a fixed number of clients, not what a visitor at a given rate would see.
    /// </summary>
    /// <param name="limit">At most this many requests in all (e.g. one per free slot), then the step ends early.</param>
    public static async Task<StepResult> ClosedLoopAsync(string what, int concurrency, TimeSpan duration,
        Func<long, CancellationToken, Task<Outcome>> send, string notes = "", long limit = long.MaxValue)
    {
        var latencies = new Latencies();
        int ok = 0, expected = 0, errors = 0;
        long next = -1;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        using var stop = new CancellationTokenSource(duration + TimeSpan.FromSeconds(30));

        async Task Worker()
        {
            await Task.Yield();
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= limit)
                    break;
                var sent = Stopwatch.GetTimestamp();
                Outcome outcome;
                try
                {
                    outcome = await send(i, stop.Token);
                }
                catch (Exception)
                {
                    outcome = Outcome.Error;
                }
                latencies.Add(Stopwatch.GetTimestamp() - sent);
                if (outcome == Outcome.Ok)
                    Interlocked.Increment(ref ok);
                else if (outcome == Outcome.Expected)
                    Interlocked.Increment(ref expected);
                else
                    Interlocked.Increment(ref errors);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Worker()));
        var seconds = (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;
        return new StepResult(what, $"max ({concurrency} conn.)", latencies, ok, expected, errors, seconds, notes);
    }
}
