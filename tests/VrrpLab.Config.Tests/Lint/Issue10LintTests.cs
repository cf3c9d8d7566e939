using System.Collections.Immutable;
using VrrpLab.Tests.Shared;

namespace VrrpLab.Config.Tests.Lint;

/// <summary>
/// The lint rules as real files meet them: VL001 only where preemption can happen, VL003 naming the
/// VIP, VL000 (keepalived -t fails here) apart from VL017 (not modelled) and VL018 (accepted silently
/// but not as written), and <c>killall -0 keepalived</c> as the liveness check it is.
/// </summary>
public sealed class Issue10LintTests
{
    private static ImmutableArray<LintFinding> Lint(params string[] texts) =>
        ClusterLinter.Lint([.. texts.Select((t, i) => KeepalivedConfigReader.Parse(t, $"host{i + 1}.conf", null))], null);

    private static ImmutableArray<LintFinding> LintFiles(params string[] paths) =>
        ClusterLinter.Lint([.. paths.Select(p => KeepalivedConfigReader.Read(p, PhysicalConfigFileSystem.Instance))], PhysicalConfigFileSystem.Instance);

    private static string Instance(string state, int priority, string extra = "", int vrid = 51, string vip = "10.0.0.100") =>
        $"vrrp_instance VI_1 {{\n state {state}\n interface eth0\n virtual_router_id {vrid}\n priority {priority}\n {extra}\n virtual_ipaddress {{\n {vip}\n }}\n}}\n";

    [Test]
    public void A_cleared_nopreempt_on_a_host_whose_peer_has_a_higher_priority_is_a_notice_not_an_error()
    {
        // The wild pair 019/020: node01 "state MASTER, priority 100, nopreempt"; node02 priority 150.
        string dir = SharedCorpus.Wild;
        ImmutableArray<LintFinding> f = LintFiles(Path.Combine(dir, "019-t-iwano-vagrantfiles-node01.conf"), Path.Combine(dir, "020-t-iwano-vagrantfiles-node02.conf"));
        LintFinding vl001 = f.Single(x => x.RuleId == LintRules.NopreemptCleared);
        Assert.Multiple(() =>
        {
            Assert.That(vl001.Severity, Is.EqualTo(DiagnosticSeverity.Notice));
            Assert.That(vl001.Consequence, Does.StartWith("no effect here: every peer has a priority of at least 100"));
            Assert.That(f.Where(x => x.Severity == DiagnosticSeverity.Error), Is.Empty);
        });
    }

    [Test]
    public void A_cleared_nopreempt_above_a_lower_priority_peer_is_an_error_naming_the_peer()
    {
        ImmutableArray<LintFinding> f = Lint(Instance("MASTER", 100, "nopreempt"), Instance("BACKUP", 50));
        LintFinding vl001 = f.Single(x => x.RuleId == LintRules.NopreemptCleared);
        Assert.Multiple(() =>
        {
            Assert.That(vl001.Severity, Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(vl001.Consequence, Does.Contain("it takes the VIP back from host2.conf (priority 50)"));
        });
    }

    [Test]
    public void Two_vrids_holding_one_vip_name_the_vip()
    {
        LintFinding vl003 = Lint(Instance("BACKUP", 100, vrid: 151), Instance("BACKUP", 50, vrid: 152)).Single(x => x.RuleId == LintRules.VridMismatch);
        Assert.Multiple(() =>
        {
            Assert.That(vl003.Message, Is.EqualTo("VI_1 puts VIP 10.0.0.100 under VRID 152 here but VI_1 puts it under VRID 151 in host1.conf (host1.conf:4:2)"));
            Assert.That(vl003.Consequence, Does.Contain("both answer ARP for VIP 10.0.0.100"));
        });
    }

    [TestCase("killall -0 keepalived", KeepalivedEnd.None)]
    [TestCase("/usr/bin/killall -0 keepalived", KeepalivedEnd.None)]
    [TestCase("pkill -HUP keepalived", KeepalivedEnd.None)]
    [TestCase("killall -s USR1 keepalived", KeepalivedEnd.None)]
    [TestCase("pidof keepalived", KeepalivedEnd.None)]
    [TestCase("killall keepalived", KeepalivedEnd.Stop)]
    [TestCase("pkill -TERM keepalived", KeepalivedEnd.Stop)]
    [TestCase("killall -9 keepalived", KeepalivedEnd.Kill)]
    [TestCase("pkill --signal KILL keepalived", KeepalivedEnd.Kill)]
    [TestCase("systemctl stop keepalived.service", KeepalivedEnd.Stop)]
    [TestCase("service keepalived stop", KeepalivedEnd.Stop)]
    [TestCase("killall -0 nginx || systemctl stop keepalived", KeepalivedEnd.Stop)]
    public void What_a_check_script_does_to_keepalived(string command, KeepalivedEnd expected) =>
        Assert.That(CheckScriptAnalysis.Analyze(command).End, Is.EqualTo(expected));

    [Test]
    public void The_liveness_idiom_is_not_reported_as_a_script_that_stops_keepalived()
    {
        const string globals = "global_defs {\n enable_script_security\n script_user root\n}\nvrrp_script chk {\n script \"killall -0 keepalived\"\n}\n";
        Assert.That(Lint(globals + Instance("BACKUP", 100, "track_script {\n chk\n }"), Instance("BACKUP", 50)).Select(x => x.RuleId),
            Has.None.EqualTo(LintRules.ScriptStopsKeepalived));
    }

    [Test]
    public void Keepalived_messages_not_modelled_keywords_and_silent_surprises_are_three_rules()
    {
        const string text = """
            global_defs {
                enable_script_security
                script_user root
            }
            vrrp_instance VI_1 {
                interface eth0
                virtual_router_id 51
                use_vmac
                track_script {
                    chk
                }
                virtual_ipaddress {
                    10.0.0.100
                }
                advert_int 1.5
            }
            vrrp_script chk {
                script killall -0 haproxy
            }
            virtual_server 10.0.0.100 80 {
                delay_loop 6
            }
            """;
        ImmutableArray<LintFinding> f = Lint(text);
        Assert.Multiple(() =>
        {
            Assert.That(f.Where(x => x.RuleId == LintRules.KeepalivedMessage).Select(x => (x.Severity, x.Message)), Is.EquivalentTo(new[]
            {
                (DiagnosticSeverity.Warning, "(VI_1) track script chk not found, ignoring..."),
                (DiagnosticSeverity.Warning, "(VI_1) VRRPv2 advertisement interval 1.500000s must be an integer. rounding"),
            }));
            Assert.That(f.Where(x => x.RuleId == LintRules.NotModelled).Select(x => x.Message), Is.EquivalentTo(new[]
            {
                "'use_vmac' is a vrrp_instance keyword VrrpLab does not model - skipped",
                "'virtual_server' (LVS) is not checked by VrrpLab - skipped with its block",
            }));
            Assert.That(f.Where(x => x.RuleId == LintRules.AcceptedNotAsWritten).Select(x => x.Message), Is.EquivalentTo(new[]
            {
                "(VI_1) vrrp_script chk is defined after this instance: keepalived looks it up when it reads this line, so chk is not tracked (move the vrrp_script block above the instance)",
                "vrrp_script chk: keepalived runs only 'killall' and drops '-0 haproxy' (words after an unquoted command are not its arguments); write script \"killall -0 haproxy\"",
            }));
        });
    }

    [Test]
    public void A_one_line_track_interface_swallows_the_next_block_as_keepalived_does()
    {
        // The wild file 058: "track_interface eth0" on one line, then the authentication block.
        ConfigReadResult r = KeepalivedConfigReader.Read(Path.Combine(SharedCorpus.Wild, "058-lesaux-docker-keepalived-tpl-vip.conf"), PhysicalConfigFileSystem.Instance);
        Assert.Multiple(() =>
        {
            Assert.That(r.Diagnostics.Select(d => d.Message), Does.Contain("Block track_interface has extra parameters eth0 ..."));
            Assert.That(r.Diagnostics.Select(d => d.Message), Does.Contain("(VI_1) unknown track_interface auth_type option PASS - ignoring"));
            Assert.That(r.Config?.Instances.SingleOrDefault()?.AuthType ?? Engine.Configuration.AuthType.None, Is.EqualTo(Engine.Configuration.AuthType.None),
                "the authentication block was read as interface names: no PASS authentication");
        });
    }

    [Test]
    public void Masks_on_unicast_addresses_are_dropped_as_keepalived_2_2_7_does()
    {
        string text = Instance("BACKUP", 100, "unicast_src_ip 10.0.0.11/24\n unicast_peer {\n 10.0.0.12/24\n }");
        ConfigReadResult r = KeepalivedConfigReader.Parse(text, "a.conf", null);
        Assert.Multiple(() =>
        {
            Assert.That(r.IsClean, Is.True, string.Join("\n", r.Diagnostics));
            Assert.That(r.Config!.Instances[0].UnicastSourceAddress!.ToString(), Is.EqualTo("10.0.0.11"));
            Assert.That(r.Config.Instances[0].UnicastPeers.Single().ToString(), Is.EqualTo("10.0.0.12"));
        });
    }

    [TestCase("garp_master_refresh 14400", true)]
    [TestCase("garp_master_refresh 4294967295", true)]
    [TestCase("garp_master_refresh 4294967296", false)]
    [TestCase("garp_master_delay 4294", true)]
    [TestCase("garp_master_delay 4295", false)]
    [TestCase("preempt_delay 1000", true)]
    [TestCase("preempt_delay 1000.000001", false)]
    [TestCase("advert_int 0.01", true)]
    public void Ranges_are_the_ones_keepalived_2_2_7_accepts(string line, bool accepted)
    {
        ConfigReadResult r = KeepalivedConfigReader.Parse(Instance("BACKUP", 100, line).Replace("advert_int 0.01", "version 3\n advert_int 0.01", StringComparison.Ordinal), "a.conf", null);
        Assert.That(r.IsClean, Is.EqualTo(accepted), string.Join("\n", r.Diagnostics));
    }
}
