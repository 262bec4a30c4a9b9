using System.Diagnostics;
using BarberPro.Tests.TestSupport;

namespace BarberPro.Tests.Scripts;

/// <summary>
/// The scripts that start servers (throwaway PostgreSQL and Redis, the two-node deployment, the load suite) pick their
/// loopback ports with scripts/free-port.sh. A CI run failed because nginx could not bind the port the two-node script
/// had picked: the port was in the kernel's ephemeral range, and between the pick and nginx's bind an outgoing
/// connection (a node's to PostgreSQL or Redis) had been given it as its local port. Ports are now picked below that
/// range, where no outgoing connection is ever placed, and several picked at once are distinct.
/// </summary>
public sealed class FreePortTests
{
    [Fact]
    public async Task Ports_AreBelowTheEphemeralRange_AboveThePrivilegedOnes_AndDistinct()
    {
        var (low, _) = EphemeralRange();

        // 1,000 ports at once: picked at random from ~22,000 without a distinctness rule, two would almost surely
        // (1 − e^(−22)) be the same.
        var output = await BashAsync("source scripts/free-port.sh && free_ports 1000");

        var ports = output.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        Assert.Equal(1000, ports.Count);
        Assert.All(ports, p => Assert.InRange(p, 1024, low - 1));
        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Fact]
    public async Task APortSomethingListensOn_IsNeverPicked()
    {
        // Listen on every port of a small window, then ask for ports inside it: only the free one can come back.
        var (low, _) = EphemeralRange();
        var listeners = new List<System.Net.Sockets.TcpListener>();
        int first = 0;
        for (var start = low - 2000; start < low - 10 && listeners.Count < 3; start += 7)
        {
            listeners.ForEach(l => l.Stop());
            listeners.Clear();
            try
            {
                for (var p = start; p < start + 3; p++)
                {
                    var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, p);
                    l.Start();
                    listeners.Add(l);
                }
                first = start;
            }
            catch (System.Net.Sockets.SocketException) { }
        }
        Assert.Equal(3, listeners.Count);
        try
        {
            var output = await BashAsync($"source scripts/free-port.sh && FREE_PORT_RANGE='{first} {first + 3}' free_ports 1");
            Assert.Equal(first + 3, int.Parse(output.Trim()));
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    [Theory]
    [InlineData("scripts/throwaway-postgres.sh")]
    [InlineData("scripts/throwaway-redis.sh")]
    [InlineData("scripts/two-nodes.sh")]
    [InlineData("bench/load/run.sh")]
    [InlineData("bench/run-analytics.sh")]
    public void EveryScriptThatStartsAServer_PicksItsPortsInTheOnePlace(string script)
    {
        var text = File.ReadAllText(Repository.PathOf(script.Split('/')));
        Assert.Contains("free-port.sh", text);
        Assert.DoesNotContain("RANDOM %", text);
    }

    private static (int Low, int High) EphemeralRange()
    {
        var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(parts[0]), int.Parse(parts[1]));
    }

    private static async Task<string> BashAsync(string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"bash exited {process.ExitCode}: {await error}");
        return await output;
    }
}
