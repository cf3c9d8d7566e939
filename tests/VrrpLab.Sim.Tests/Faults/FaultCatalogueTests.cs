using VrrpLab.Config.FileSystem;
using static VrrpLab.Sim.Tests.Clusters.ClusterDerivationTests;

namespace VrrpLab.Sim.Tests.Faults;

/// <summary>
/// The fault catalogue of <c>vrrplab check</c> on known clusters. Expected times are derived by hand
/// from docs/domain.md (v2 Skew = (256 - prio)/256 s, MDI = 3 x interval + Skew, latency 100us).
/// </summary>
public sealed class FaultCatalogueTests
{
    /// <summary>The article's own check script (seed/keepalived-nopreempt-article.zh.txt, line 91).</summary>
    private const string ArticleScript = """
        #!/bin/bash
        nginx_status=$(ps -ef | grep nginx | grep -v grep | grep -v check | wc -l)

        if [ $nginx_status -eq 0 ];then
        		systemctl stop keepalived.service
        fi
        """;

    private static DerivedCluster Seed() => ClusterDerivation.Derive([
        Host("real-server1.keepalived.conf", File.ReadAllText(Path.Combine(RepoPaths.Scenarios, "configs", "real-server1.keepalived.conf"))),
        Host("real-server2.keepalived.conf", File.ReadAllText(Path.Combine(RepoPaths.Scenarios, "configs", "real-server2.keepalived.conf"))),
    ]);

    private static FaultOutcome Case(CatalogueResult r, string id) =>
        r.Faults.SingleOrDefault(f => f.Id == id) ?? throw new AssertionException($"no case {id} in: {string.Join(", ", r.Faults.Select(f => f.Id))}");

    [Test]
    public void The_seed_articles_pair_predicts_the_articles_demo()
    {
        var fs = new InMemoryConfigFileSystem();
        fs.Add("/data/shell/check_nginx_status.sh", ArticleScript);
        CatalogueResult r = FaultCatalogue.Run(Seed(), new CatalogueOptions { ScriptFiles = fs });

        // v2, advert_int 5: MDI(100) 15.609375s, MDI(50) 15.804687s, Skew(50) 0.804687s. Settle =
        // ceil(15.804687 + 2 x 5 + 2 (chk_nginx interval)) = 28s: faults start at 28s.
        FaultOutcome nginx = Case(r, "script:real-server1:chk_nginx");
        VipOutcome vip = nginx.Vips.Single();
        Assert.Multiple(() =>
        {
            Assert.That(r.Startup!.Vips.Single().Holders.Single(), Is.EqualTo(("real-server1", (byte)151)));
            Assert.That(r.Startup.Vips.Single().SinceUs, Is.EqualTo(15_609_375));
            Assert.That(nginx.Status, Is.EqualTo(FaultStatus.Ok), nginx.Line(r.Timing));

            // chk_nginx runs at 28s (a multiple of its 2 s interval), finds nginx gone and runs
            // systemctl stop: keepalived sends priority 0; server2 takes over after its skew + latency.
            Assert.That(nginx.Line(r.Timing), Does.Contain("its run at 28s stops keepalived ('systemctl stop keepalived.service' in /data/shell/check_nginx_status.sh)"));
            Assert.That(vip.TakenOverBy, Is.EqualTo("real-server2"));
            Assert.That(vip.TakeoverUs, Is.EqualTo(804_787));
            // Its GARP reaches the client 100 us later; server2 never held the VIP, so it resolves the
            // client before its first answer (request and reply, 2 x 100 us).
            Assert.That(vip.OutageUs, Is.EqualTo(805_087));

            // nginx is back at 84s: nothing restarts keepalived; started by hand at 112s, server1
            // stays BACKUP (nopreempt): no failback, one move in all.
            Assert.That(nginx.Line(r.Timing), Does.Contain("the service is back at 84s but nothing restarts keepalived; started by hand at 112s"));
            Assert.That(nginx.Run.History.StateAt("real-server1", "VI_1", 111_999_999), Is.EqualTo(VrrpState.Stop));
            Assert.That(nginx.Run.History.StateAt("real-server1", "VI_1", nginx.Run.EndUs), Is.EqualTo(VrrpState.Backup));
            Assert.That(vip.FinalHolders, Is.EqualTo(new[] { "real-server2" }));
            Assert.That(vip.Moves, Is.EqualTo(1));
        });
    }

    [Test]
    public void Without_its_script_the_seed_check_is_a_weight_0_check_that_faults_the_master()
    {
        CatalogueResult r = FaultCatalogue.Run(Seed());

        // chk_nginx fails from 28s; its run at 28s fails: FAULT, priority 0 sent, server2 after its skew.
        VipOutcome vip = Case(r, "script:real-server1:chk_nginx").Vips.Single();
        Assert.Multiple(() =>
        {
            Assert.That(Case(r, "script:real-server1:chk_nginx").Title, Does.Contain("weight 0: FAULT"));
            Assert.That(vip.TakeoverUs, Is.EqualTo(804_787));
            Assert.That(vip.FinalHolders, Is.EqualTo(new[] { "real-server2" }), "nopreempt: no failback when the check succeeds again");
        });
    }

    [Test]
    public void Every_host_gets_every_fault_and_the_seed_pair_fails_over_by_the_formulas()
    {
        CatalogueResult r = FaultCatalogue.Run(Seed());

        // server1's last advert before 28s left at 25.609375s, heard at 25.609475s; server2 takes
        // over one MDI(50) later: 41.414162s, i.e. 13.414162s after the crash.
        VipOutcome crash = Case(r, "crash:real-server1").Vips.Single();
        VipOutcome stop = Case(r, "stop:real-server1").Vips.Single();
        Assert.Multiple(() =>
        {
            Assert.That(r.Faults.Select(f => f.Id), Is.EqualTo(new[]
            {
                "crash:real-server1", "stop:real-server1", "kill:real-server1", "script:real-server1:chk_nginx",
                "link:real-server1:ens32", "pause:real-server1", "reboot-late-link:real-server1", "partition:real-server1",
                "crash:real-server2", "stop:real-server2", "kill:real-server2", "script:real-server2:chk_nginx",
                "link:real-server2:ens32", "pause:real-server2", "reboot-late-link:real-server2", "partition:real-server2",
                "flood:lan:151",
            }));
            Assert.That(crash.TakeoverUs, Is.EqualTo(13_414_162));
            Assert.That(crash.OutageUs, Is.EqualTo(13_414_462), "GARP 100 us after the takeover, then server2 resolves the client: 2 x 100 us");
            Assert.That(crash.FinalHolders, Is.EqualTo(new[] { "real-server2" }));
            Assert.That(stop.TakeoverUs, Is.EqualTo(804_787));
            Assert.That(r.Faults.Where(f => f.Status == FaultStatus.Fail), Is.Empty, string.Join("\n", r.Faults.Select(f => f.Line(r.Timing))));
        });
    }

    [Test]
    public void Garbage_for_the_vrid_makes_a_keepalived_pair_flap_and_the_line_says_what_limits_it()
    {
        CatalogueResult r = FaultCatalogue.Run(ClusterDerivation.Derive([
            Host("a.conf", Instance(100)),
            Host("b.conf", Instance(50)),
        ]));

        // v2, advert_int 1: Settle = ceil(MDI(50) 3.804687 + 2) = 6s, the flood lasts one Settle from 6s.
        // a's last advert before it left at 5.609375s, heard by b at 5.609475s; from then on every
        // datagram restarts a's advert timer: b takes over one MDI(50) later, 9.414162s (3.414162s
        // after the onset), is answered at once and steps back (9.414362s: b's next down timer
        // 13.219049s); the last datagram arrives at 11.9951s, a advertises again at 12.9951s, before
        // it: one flap, two moves, a holds the VIP at the end.
        FaultOutcome flood = Case(r, "flood:lan:51");
        VipOutcome vip = flood.Vips.Single();
        Assert.Multiple(() =>
        {
            Assert.That(flood.Title, Is.EqualTo("garbage for VRID 51 at 200/s on lan"));
            Assert.That(flood.Status, Is.EqualTo(FaultStatus.Flap), flood.Line(r.Timing));
            Assert.That(vip.TakenOverBy, Is.EqualTo("b"));
            Assert.That(vip.TakeoverUs, Is.EqualTo(3_414_162));
            Assert.That(vip.Problem, Does.StartWith("flaps: 2 moves between the garbage's start and the heal, the first at 9.414"));
            Assert.That(vip.FinalHolders, Is.EqualTo(new[] { "a" }));
            Assert.That(flood.Line(r.Timing), Does.Contain("an extra host on lan sends 200 garbage VRRP datagrams/s naming VRID 51 (none a valid advert) from 6s to 12s; "
                + "limited by unicast peers (unicast_peer) behind a firewall that accepts IP protocol 112 only from them, a VRID no other cluster on the segment uses, "
                + "or vrrplab daemon's hardened packet policy"));
            Assert.That(flood.Scenario.Timeline.Single().Action, Is.EqualTo(new VrrpLab.Sim.Scenarios.FloodAction("lan", 51, 200, Engine.Time.Duration.FromSeconds(6), Engine.Wire.FloodKind.Garbage)));
            Assert.That(r.Passed, Is.True, "a flap is keepalived's weakness on an open segment, not a configuration mistake");
        });
    }

    [Test]
    public void A_nopreempt_master_rebooting_behind_a_late_link_takes_the_vip_back()
    {
        CatalogueResult r = FaultCatalogue.Run(Seed());
        FaultOutcome late = Case(r, "reboot-late-link:real-server1");

        Assert.Multiple(() =>
        {
            Assert.That(late.Status, Is.EqualTo(FaultStatus.Split));
            Assert.That(late.Vips.Single().HoldersDuring, Is.EqualTo(new[] { "real-server1", "real-server2" }));
            Assert.That(late.Vips.Single().FinalHolders, Is.EqualTo(new[] { "real-server1" }), "nopreempt plays no part in MASTER: the higher priority wins");
            Assert.That(late.Vips.Single().Moves, Is.EqualTo(2));
        });
    }

    [Test]
    public void A_sigkill_leaves_a_stale_vip_that_is_split_not_failed()
    {
        CatalogueResult r = FaultCatalogue.Run(Seed());
        VipOutcome kill = Case(r, "kill:real-server1").Vips.Single();

        Assert.Multiple(() =>
        {
            Assert.That(Case(r, "kill:real-server1").Status, Is.EqualTo(FaultStatus.Split));
            Assert.That(kill.Problem, Does.Contain("a killed keepalived leaves its VIP on the interface"));
            Assert.That(kill.OutageUs, Is.EqualTo(200), "the stale VIP keeps answering until the backup's gratuitous ARP; then the backup, which never held the VIP, resolves the client (2 x 100 us)");
        });
    }

    [Test]
    public void One_vip_under_two_vrids_fails_at_startup_naming_the_vip()
    {
        CatalogueResult r = FaultCatalogue.Run(ClusterDerivation.Derive([
            Host("a.conf", Instance(100, vrid: 151)),
            Host("b.conf", Instance(50, vrid: 152)),
        ]));

        Assert.Multiple(() =>
        {
            Assert.That(r.Passed, Is.False);
            Assert.That(r.Startup!.Vips.Single().Problem, Does.StartWith("held by a (VRID 151) and b (VRID 152) at 6s: two VRIDs carry it"));
            Assert.That(r.Faults, Is.Empty);
            Assert.That(r.NotRun, Does.Contain("see startup"));
        });
    }

    [Test]
    public void Mismatched_advert_int_fails_at_startup_with_the_drop_reason()
    {
        CatalogueResult r = FaultCatalogue.Run(ClusterDerivation.Derive([
            Host("a.conf", Instance(100)),
            Host("b.conf", Instance(50).Replace("advert_int 1", "advert_int 2", StringComparison.Ordinal)),
        ]));

        Assert.Multiple(() =>
        {
            Assert.That(r.Startup!.Vips.Single().Problem, Does.Contain("both MASTER of VRID 51 (split brain)"));
            Assert.That(r.Startup.DropReasons, Does.Contain("interval_mismatch"));
        });
    }

    /// <summary>The catalogue of a (priority 100, tracking check chk with <paramref name="weight"/>) and b (50), and its chk case.</summary>
    private static (CatalogueResult Result, FaultOutcome Chk) WeightedCheck(int weight)
    {
        string script = $"vrrp_script chk {{\n script \"/bin/true\"\n interval 1\n weight {weight}\n}}";
        CatalogueResult r = FaultCatalogue.Run(ClusterDerivation.Derive([
            Host("a.conf", Instance(100, "track_script { chk }", head: script)),
            Host("b.conf", Instance(50)),
        ]));
        return (r, Case(r, "script:a:chk"));
    }

    [Test]
    public void A_weighted_check_too_weak_to_move_the_vip_fails()
    {
        (CatalogueResult r, FaultOutcome chk) = WeightedCheck(-20);
        Assert.Multiple(() =>
        {
            Assert.That(chk.Status, Is.EqualTo(FaultStatus.Fail));
            Assert.That(chk.Vips.Single().Problem, Does.Contain("chk fails on a but a keeps the VIP: its priority goes from 100 to 80, BACKUP b 50"));
            Assert.That(r.Passed, Is.False);
        });
    }

    [Test]
    public void A_weighted_check_strong_enough_moves_the_vip_and_passes()
    {
        (CatalogueResult r, FaultOutcome chk) = WeightedCheck(-60);
        Assert.Multiple(() =>
        {
            Assert.That(chk.Status, Is.EqualTo(FaultStatus.Ok), chk.Line(r.Timing));
            Assert.That(chk.Vips.Single().TakenOverBy, Is.EqualTo("b"));
            Assert.That(chk.Vips.Single().FinalHolders, Is.EqualTo(new[] { "a" }), "preemptive: a takes it back once the check succeeds");
        });
    }

    [Test]
    public void A_preemptive_master_takes_the_vip_back_after_a_crash()
    {
        CatalogueResult r = FaultCatalogue.Run(ClusterDerivation.Derive([Host("a.conf", Instance(100)), Host("b.conf", Instance(50))]));
        VipOutcome crash = Case(r, "crash:a").Vips.Single();

        Assert.Multiple(() =>
        {
            Assert.That(crash.FinalHolders, Is.EqualTo(new[] { "a" }));
            Assert.That(crash.Moves, Is.EqualTo(2));

            // v2, 1 s: a's last advert before 7s left at 6.609375s; b takes over at 6.609475 + 3.804687.
            Assert.That(crash.TakeoverUs, Is.EqualTo(3_414_162));
        });
    }

    [Test]
    public void Depth_2_answers_which_two_failures_leave_no_vip()
    {
        CatalogueResult r = FaultCatalogue.Run(
            ClusterDerivation.Derive([Host("a.conf", Instance(100)), Host("b.conf", Instance(50))]),
            new CatalogueOptions { Depth = 2 });

        FaultOutcome both = Case(r, "crash:a+crash:b");
        Assert.Multiple(() =>
        {
            Assert.That(r.Faults.Count(f => f.Depth == 1), Is.EqualTo(15), "7 per host and the garbage for VRID 51");
            Assert.That(r.Faults.Count(f => f.Depth == 2), Is.EqualTo((7 * 7) + 14), "every fault of a with every fault of b, and each with the garbage");
            Assert.That(Case(r, "stop:a+flood:lan:51").Status, Is.EqualTo(FaultStatus.Ok),
                "a stopped: b is MASTER alone; the garbage silences it but nobody is left to take over");
            Assert.That(Case(r, "partition:a+flood:lan:51").Status, Is.EqualTo(FaultStatus.Split), "the garbage ends as the partition heals (12s to 18s)");
            Assert.That(both.Status, Is.EqualTo(FaultStatus.Lost));
            Assert.That(both.Vips.Single().Problem, Does.StartWith("no host left to hold it"));
            Assert.That(both.Vips.Single().FinalHolders, Is.EqualTo(new[] { "a" }), "both boot again; a preempts");
            Assert.That(r.Faults.Where(f => f.Status == FaultStatus.Fail), Is.Empty, string.Join("\n", r.Faults.Where(f => f.Status == FaultStatus.Fail).Select(f => f.Line(r.Timing))));
        });
    }

    [Test]
    public void A_single_host_is_checked_at_startup_and_its_faults_are_not_run()
    {
        CatalogueResult r = FaultCatalogue.Run(ClusterDerivation.Derive([Host("a.conf", Instance(100))]));

        Assert.Multiple(() =>
        {
            Assert.That(r.Startup!.Passed, Is.True);
            Assert.That(r.Faults, Is.Empty);
            Assert.That(r.NotRun, Does.Contain("at least two hosts"));
            Assert.That(r.Passed, Is.True);
        });
    }

    [Test]
    public void Every_fault_case_keeps_its_scenario_and_run_and_its_expectations_hold_on_that_run()
    {
        CatalogueResult r = FaultCatalogue.Run(ClusterDerivation.Derive([Host("a.conf", Instance(100)), Host("b.conf", Instance(50, "nopreempt"))]));

        foreach (FaultOutcome o in r.Faults)
        {
            ImmutableArray<VrrpLab.Sim.Checks.Verdict> verdicts = VrrpLab.Sim.Checks.ExpectationEvaluator.Evaluate(o.Run with { Scenario = o.Scenario });
            Assert.That(verdicts, Is.Not.Empty, o.Id);
            Assert.That(verdicts.Where(v => !v.Passed).Select(v => v.Evidence), Is.Empty, o.Id);
            Assert.That(o.Scenario.Timeline, Is.Not.Empty, o.Id);
        }
    }
}
