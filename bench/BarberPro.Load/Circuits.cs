using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace BarberPro.Load;

/// <summary>
/// Circuits at scale: bench/load/circuits.js opens N booking wizards, then N barber agendas, in chromium, and closes
/// them; here the server's resident memory is read with them open and after they closed, and the framework's circuit
/// counters (dotnet-counters, the repository's tool manifest) say whether the closed pages' circuits were released.
/// </summary>
public static class Circuits
{
    public static async Task<List<StepResult>> RunAsync(SuiteOptions o)
    {
        var results = new List<StepResult>();
        var script = FindUp("bench/load/circuits.js");
        if (o.Playwright is null || !Directory.Exists(o.Playwright) || script is null || o.ServerPid is null)
        {
            Console.Error.WriteLine("circuits: skipped (needs --playwright DIR of the test build's .playwright folder and --server-pid of a local server)");
            results.Add(new StepResult("circuits", "skipped", new Latencies(), 0, 0, 1, 0, "no Playwright or no server pid"));
            return results;
        }
        foreach (var kind in new[] { "wizard", "agenda" })
        {
            var run = await NodeAsync(o, script, kind);
            if (run is null)
            {
                results.Add(new StepResult($"circuits: {kind}", $"{o.Circuits} pages", new Latencies(), 0, 0, 1, 0, "circuits.js failed (above)"));
                continue;
            }
            var r = run.Value;
            var opened = r.GetProperty("opened").GetInt32();
            var before = r.GetProperty("before").GetInt64();
            var open = r.GetProperty("open").GetInt64();
            var seconds = r.GetProperty("seconds").GetDouble();
            // The pages closed: give the server time to dispose their circuits, then read memory and the counters.
            var (active, connected) = await CountersAsync(o.ServerPid.Value, o.Smoke ? 2 : 10);
            var after = Rss.Of(o.ServerPid) ?? 0;
            // A full, blocking GC (what dotnet-gcdump does before it walks the heap): is the memory garbage that is merely
            // not collected yet, or still referenced?
            var collected = await InducedGcAsync(o.ServerPid.Value) ? Rss.Of(o.ServerPid) : null;
            var perCircuit = opened > 0 ? (open - before) / (double)opened : 0;
            // The slope from the first fifth to all of them open: what one more idle circuit costs.
            var mid = r.TryGetProperty("mid", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : (long?)null;
            var midOpened = r.TryGetProperty("midOpened", out var mo) && mo.ValueKind == JsonValueKind.Number ? mo.GetInt32() : 0;
            var slope = mid is { } atMid && opened > midOpened ? $", slope {(open - atMid) / (double)(opened - midOpened):N0} KB/circuit from {midOpened} to {opened} open" : "";
            var released = active == 0;
            var notes = $"RSS {before / 1024:N0} → {open / 1024:N0} MB open ({perCircuit:N0} KB/circuit{slope}) → {after / 1024:N0} MB after closing" +
                $"{(collected is { } c ? $" → {c / 1024:N0} MB after a full GC" : "")}; " +
                $"circuits after closing: {(active is null ? "?" : active.Value.ToString(CultureInfo.InvariantCulture))} active, " +
                $"{(connected is null ? "?" : connected.Value.ToString(CultureInfo.InvariantCulture))} connected";
            results.Add(new StepResult($"circuits: {(kind == "wizard" ? "booking wizard" : "barber agenda")}", $"{opened} pages", new Latencies(),
                opened, 0, opened == o.Circuits && released ? 0 : 1, seconds, notes));
        }
        return results;
    }

    private static async Task<JsonElement?> NodeAsync(SuiteOptions o, string script, string kind)
    {
        var start = new ProcessStartInfo(Path.Combine(o.Playwright!, "node", "linux-x64", "node"))
        {
            RedirectStandardOutput = true,
            Environment = { ["PW_PACKAGE"] = Path.Combine(o.Playwright!, "package") },
        };
        foreach (var a in new[] { script, o.Url.ToString().TrimEnd('/'), o.Circuits.ToString(CultureInfo.InvariantCulture), kind, o.ServerPid!.Value.ToString(CultureInfo.InvariantCulture), o.Shop })
            start.ArgumentList.Add(a);
        using var node = Process.Start(start)!;
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        return node.ExitCode == 0 && line is not null ? JsonDocument.Parse(line[7..]).RootElement : null;
    }

    /// <summary>
    /// The last values of aspnetcore.components.circuit.active and .connected after <paramref name="seconds"/>, read with
    /// dotnet-counters (null when the tool is not restored: `dotnet tool restore`).
    /// </summary>
    private static async Task<(long? Active, long? Connected)> CountersAsync(int pid, int seconds)
    {
        var csv = Path.Combine(Path.GetTempPath(), $"barberpro-counters-{pid}-{Environment.TickCount64}.csv");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = FindUp("dotnet-tools.json") is { } manifest ? Path.GetDirectoryName(manifest)! : ".",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "dotnet-counters", "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--counters", "Microsoft.AspNetCore.Components.Server.Circuits",
                     "--refresh-interval", "1", "--format", "csv", "-o", csv, "--duration", TimeSpan.FromSeconds(seconds).ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        try
        {
            using var counters = Process.Start(start)!;
            _ = counters.StandardOutput.ReadToEndAsync();
            var error = counters.StandardError.ReadToEndAsync();
            await counters.WaitForExitAsync();
            if (counters.ExitCode != 0 || !File.Exists(csv))
            {
                Console.Error.WriteLine($"dotnet-counters: {await error}");
                return (null, null);
            }
            long? Last(string name) => File.ReadLines(csv).Where(l => l.Contains(name + " ", StringComparison.Ordinal) || l.Contains(name + ",", StringComparison.Ordinal))
                .Select(l => (long?)double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture)).LastOrDefault() ?? 0;
            return (Last("aspnetcore.components.circuit.active"), Last("aspnetcore.components.circuit.connected"));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, null);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    /// <summary>Induces a full blocking GC in the server through dotnet-gcdump (the tool manifest); false when it could not.</summary>
    private static async Task<bool> InducedGcAsync(int pid)
    {
        var dump = Path.Combine(Path.GetTempPath(), $"barberpro-{pid}-{Environment.TickCount64}.gcdump");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = FindUp("dotnet-tools.json") is { } manifest ? Path.GetDirectoryName(manifest)! : ".",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "dotnet-gcdump", "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", dump })
            start.ArgumentList.Add(a);
        try
        {
            using var gcdump = Process.Start(start)!;
            _ = gcdump.StandardOutput.ReadToEndAsync();
            _ = gcdump.StandardError.ReadToEndAsync();
            await gcdump.WaitForExitAsync();
            await Task.Delay(1000);
            return gcdump.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
        finally
        {
            File.Delete(dump);
        }
    }

    public static string? FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative)))
                return Path.Combine(dir.FullName, relative);
        return null;
    }
}
