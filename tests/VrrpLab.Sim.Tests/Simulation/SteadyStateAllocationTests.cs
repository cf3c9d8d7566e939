using VrrpLab.Bench;

namespace VrrpLab.Sim.Tests.Simulation;

/// <summary>
/// Issue 11: the simulator's steady state (adverts sent and received, timers, tracked-script runs,
/// the client's traffic) allocates nothing, so a long run costs no more memory traffic than a short
/// one. Measured as the difference between a 50-minute and a 5-minute run of the same cluster.
/// </summary>
public class SteadyStateAllocationTests
{
    /// <summary>The seed article's pair with advert_int 1 (300 adverts per 5 minutes), its check script every 2 s, and VRRP v3 on a second VRID.</summary>
    private static readonly string Yaml = """
        name: steady
        duration: 300s
        autostart: true
        nodes:

        """
        + Server("server1", "192.168.179.103/24", vi1Priority: 100, nopreempt: true, vi2Priority: 50)
        + Server("server2", "192.168.179.104/24", vi1Priority: 50, nopreempt: false, vi2Priority: 100);

    /// <summary>One server of the pair: the article's VI_1 (v2, VRID 151, PASS, tracking chk_nginx, <see cref="SeedArticle"/>)
    /// on eth0 at <paramref name="vi1Priority"/>, and VI_2 (v3, VRID 152) at <paramref name="vi2Priority"/>.</summary>
    private static string Server(string name, string address, int vi1Priority, bool nopreempt, int vi2Priority) =>
        $"  {name}:\n    address: {address}\n    keepalived: |\n"
        + SeedArticle.YamlBlock(SeedArticle.Conf("eth0", vi1Priority, nopreempt, advertInt: 1) + $$"""

            vrrp_instance VI_2 {
                interface eth0
                version 3
                virtual_router_id 152
                priority {{vi2Priority}}
                advert_int 1
                virtual_ipaddress {
                    192.168.179.200
                }
            }
            """);

    private static long AllocatedBy(Scenario s)
    {
        var options = new SimulationOptions { Recording = RecordingLevel.None };
        long least = long.MaxValue;
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            _ = new Simulator(s, options).Run();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }

    [Test]
    public void Adverts_timers_scripts_and_the_client_allocate_nothing_once_the_cluster_is_up()
    {
        ScenarioLoadResult load = ScenarioLoader.LoadText(Yaml, "steady.yaml", ".");
        Assert.That(load.Scenario, Is.Not.Null, string.Join("\n", load.Diagnostics));
        Scenario shortRun = load.Scenario!;
        Scenario longRun = shortRun with { Duration = Duration.FromSeconds(3000) };
        _ = AllocatedBy(longRun);

        long extra = AllocatedBy(longRun) - AllocatedBy(shortRun);
        SimulationResult r = new Simulator(longRun, new SimulationOptions { Recording = RecordingLevel.None }).Run();

        TestContext.Out.WriteLine($"{extra} bytes for 2,700 more simulated seconds ({r.AdvertsSent} adverts in the long run)");

        // 2,700 more simulated seconds: 5,400 adverts sent and received, 2,700 script runs, the client's probes.
        Assert.That(r.AdvertsSent, Is.GreaterThan(5000));
        Assert.That(extra, Is.LessThan(2048), $"{extra} bytes for 2,700 more seconds ({extra / 2700.0:0.0} bytes per simulated second)");
    }
}
