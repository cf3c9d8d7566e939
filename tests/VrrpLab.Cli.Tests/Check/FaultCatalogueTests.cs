using System.Collections.Immutable;
using VrrpLab.Cli.Check;
using VrrpLab.Config;
using VrrpLab.Engine.Configuration;

namespace VrrpLab.Cli.Tests.Check;

/// <summary>
/// The fault catalogue of <c>vrrplab check</c> on known clusters. Expected times are derived by
/// hand from docs/domain.md (v2 Skew = (256 - prio)/256 s, MDI = 3 x interval + Skew, latency
/// 100us), as in scenarios/.
/// </summary>
public sealed class FaultCatalogueTests
{
    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VrrpLab.sln")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new FileNotFoundException("repository root not found", relative);
    }

    private static (string, RouterConfig) Conf(string name, string text)
    {
        ConfigReadResult r = KeepalivedConfigReader.Parse(text, name, null);
        Assert.That(r.Config, Is.Not.Null, string.Join("\n", r.Diagnostics));
        return (name, r.Config!);
    }

    private static string Pair(int priority, bool nopreempt = false, int advertInt = 1, string extra = "", string script = "") => $$"""
        {{script}}
        vrrp_instance VI_1 {
            state BACKUP
            interface eth0
            virtual_router_id 51
            priority {{priority}}
            {{(nopreempt ? "nopreempt" : "")}}
            advert_int {{advertInt}}
            virtual_ipaddress { 10.1.1.100 }
            {{extra}}
        }
        """;

    private static FaultVerdict Find(ImmutableArray<FaultVerdict> verdicts, string prefix) =>
        verdicts.Single(v => v.Fault.StartsWith(prefix, StringComparison.Ordinal));

    [Test]
    public void The_seed_articles_cluster_fails_over_by_the_formulas_and_never_fails_back()
    {
        var hosts = new[] { "scenarios/configs/real-server1.keepalived.conf", "scenarios/configs/real-server2.keepalived.conf" }
            .Select(f => Conf(f, File.ReadAllText(RepoFile(f)))).ToList();

        ImmutableArray<FaultVerdict> v = new FaultCatalogue().Run(hosts);

        // v2, advert_int 5: MDI(100) 15.609375s, MDI(50) 15.804687s, Skew(50) 804687us. Faults start at
        // ceil(15.804687 + 2 x 5) = 26s; server1's last advert before that left at 25.609375s.
        Assert.Multiple(() =>
        {
            Assert.That(v.All(x => x.Passed), string.Join("\n", v));
            Assert.That(Find(v, "startup").Evidence, Does.Contain("real-server1 MASTER since 15.609375s"));
            Assert.That(Find(v, "master crash").Evidence, Does.Contain("real-server2 MASTER 15.414162s later").And.Contain("client outage 15.414262s"));
            Assert.That(Find(v, "graceful stop").Evidence, Does.Contain("real-server2 MASTER 0.804787s later").And.Contain("client outage 0.804887s"));
            Assert.That(Find(v, "master recovers").Evidence, Does.Contain("real-server1 stayed BACKUP"));
            // chk_nginx (interval 2, weight 0) fails from 26.001s; the 28s run fails: FAULT, priority 0,
            // server2 MASTER at 28.0001 + 0.804687 = 28.804787s.
            Assert.That(Find(v, "health-check failure").Evidence, Does.Contain("real-server1 is FAULT").And.Contain("2.803787s after"));
            Assert.That(Find(v, "partition").Evidence, Does.Contain("MASTER at the end: real-server1"));
        });
    }

    [Test]
    public void A_preemptive_master_takes_the_vip_back_when_it_recovers()
    {
        ImmutableArray<FaultVerdict> v = new FaultCatalogue().Run([Conf("a.conf", Pair(100)), Conf("b.conf", Pair(50))]);

        Assert.That(Find(v, "master recovers").Evidence, Does.Contain("a took the VIP back").And.Contain("VIP a -> b -> a+b -> a: 2 move(s)"));
    }

    [Test]
    public void Mismatched_advert_int_fails_at_startup_with_both_masters_and_the_drop_reason()
    {
        ImmutableArray<FaultVerdict> v = new FaultCatalogue().Run([Conf("a.conf", Pair(100)), Conf("b.conf", Pair(50, advertInt: 2))]);

        Assert.Multiple(() =>
        {
            Assert.That(Find(v, "startup").Passed, Is.False);
            Assert.That(Find(v, "startup").Evidence, Does.Contain("2 MASTERs").And.Contain("interval_mismatch"));
            Assert.That(Find(v, "fault catalogue").Passed, Is.False);
        });
    }

    [Test]
    public void A_weighted_check_that_cannot_move_the_vip_fails_the_health_check_fault()
    {
        const string script = "vrrp_script chk { \n script \"/bin/true\"\n interval 1\n weight -20\n}";
        ImmutableArray<FaultVerdict> v = new FaultCatalogue().Run([
            Conf("a.conf", Pair(100, extra: "track_script { chk }", script: script)),
            Conf("b.conf", Pair(50)),
        ]);

        FaultVerdict health = Find(v, "health-check failure");
        Assert.Multiple(() =>
        {
            Assert.That(health.Passed, Is.False);
            Assert.That(health.Evidence, Does.Contain("the VIP stayed on a"));
        });
    }

    [Test]
    public void A_cluster_without_a_tracked_script_reports_the_health_check_as_not_applicable()
    {
        ImmutableArray<FaultVerdict> v = new FaultCatalogue().Run([Conf("a.conf", Pair(100)), Conf("b.conf", Pair(50))]);

        Assert.That(Find(v, "health-check failure"), Is.EqualTo(new FaultVerdict("health-check failure", true, "not applicable: a's instance of VRID 51 tracks no vrrp_script")));
    }

    [Test]
    public void A_loss_burst_that_ends_where_it_started_counts_no_move()
    {
        ImmutableArray<FaultVerdict> v = new FaultCatalogue().Run([Conf("a.conf", Pair(100)), Conf("b.conf", Pair(50))]);

        Assert.That(Find(v, "packet loss burst").Evidence, Does.Contain("VIP a -> a+b -> a: 0 move(s)").And.Contain("MASTER at the end: a"));
    }

    [Test]
    public void A_vrrpv3_ipv6_pair_gets_link_local_sources_and_fails_over()
    {
        const string v6 = """
            vrrp_instance VI_6 {
                state BACKUP
                interface eth0
                version 3
                virtual_router_id 60
                priority PRIO
                advert_int 1
                virtual_ipaddress { 2001:db8::100 }
            }
            """;
        ImmutableArray<FaultVerdict> v = new FaultCatalogue().Run([Conf("a.conf", v6.Replace("PRIO", "100", StringComparison.Ordinal)), Conf("b.conf", v6.Replace("PRIO", "50", StringComparison.Ordinal))]);

        // v3, 1 s: MDI(100) = 3 s + 156 x 1 s / 256 = 3.609375s; faults at ceil(3.804687 + 2) = 6s;
        // a's last advert 5.609375s, heard 5.609475s; b takes over at 5.609475 + 3.804687 = 9.414162s.
        Assert.Multiple(() =>
        {
            Assert.That(v.All(x => x.Passed), string.Join("\n", v));
            Assert.That(Find(v, "master crash").Evidence, Does.Contain("b MASTER 3.414162s later"));
        });
    }

    [Test]
    public void One_host_alone_is_not_simulated()
    {
        ImmutableArray<FaultVerdict> v = new FaultCatalogue().Run([Conf("a.conf", Pair(100))]);

        Assert.That(v.Single().Evidence, Does.StartWith("not run"));
    }

    [Test]
    public void Unicast_peers_get_the_addresses_the_other_host_lists()
    {
        const string a = "unicast_src_ip 10.1.1.21\n unicast_peer { 10.1.1.22 }";
        const string b = "unicast_src_ip 10.1.1.22\n unicast_peer { 10.1.1.21 }";
        var cluster = FaultCatalogueCluster.Build([Conf("a.conf", Pair(100, extra: a)), Conf("b.conf", Pair(50, extra: b))]);
        ImmutableArray<FaultVerdict> v = new FaultCatalogue().Run([Conf("a.conf", Pair(100, extra: a)), Conf("b.conf", Pair(50, extra: b))]);

        Assert.Multiple(() =>
        {
            Assert.That(cluster.Nodes.Select(n => n.Interfaces[0].Address.ToString()), Is.EqualTo(new[] { "10.1.1.21", "10.1.1.22" }));
            Assert.That(v.All(x => x.Passed), string.Join("\n", v));
        });
    }
}
