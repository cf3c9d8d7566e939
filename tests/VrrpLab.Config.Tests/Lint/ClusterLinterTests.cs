using System.Collections.Immutable;

namespace VrrpLab.Config.Tests.Lint;

public class ClusterLinterTests
{
    private const string ArticleScript =
        "#!/bin/bash\nnginx_status=$(ps -ef | grep nginx | grep -v grep | grep -v check | wc -l)\n\t\nif [ $nginx_status -eq 0 ];then\n\t\tsystemctl stop keepalived.service\nfi\n";

    /// <summary>A host's file: VRID 51 on eth0 with one VIP, plus <paramref name="body"/> inside the instance.</summary>
    private static string Host(string body, string globals = "") =>
        globals + "vrrp_instance VI_1 {\n    interface eth0\n    virtual_router_id 51\n" + body + "\n    virtual_ipaddress {\n        10.0.0.100\n    }\n}\n";

    private static ImmutableArray<LintFinding> Lint(IConfigFileSystem? fs, params string[] texts) =>
        ClusterLinter.Lint([.. texts.Select((t, i) => KeepalivedConfigReader.Parse(t, $"host{i + 1}.conf", fs))], fs);

    private static ImmutableArray<LintFinding> Lint(params string[] texts) => Lint(null, texts);

    private static ImmutableArray<LintFinding> Seed(IConfigFileSystem fs, Func<string, string>? edit1 = null, Func<string, string>? edit2 = null)
    {
        string a = (edit1 ?? (s => s))(CorpusFiles.Text("real-server1.keepalived.conf"));
        string b = (edit2 ?? (s => s))(CorpusFiles.Text("real-server2.keepalived.conf"));
        return ClusterLinter.Lint([KeepalivedConfigReader.Parse(a, "rs1.conf", fs), KeepalivedConfigReader.Parse(b, "rs2.conf", fs)], fs);
    }

    [Test]
    public void Seed_article_pair_has_only_a_notice_per_host_when_the_script_is_not_readable() =>
        Assert.That(
            Seed(new InMemoryConfigFileSystem()).Select(f => (f.RuleId, f.Severity, f.Location.ToString())),
            Is.EqualTo(new[]
            {
                (LintRules.ScriptStopsKeepalived, DiagnosticSeverity.Notice, "rs1.conf:8:5"),
                (LintRules.ScriptStopsKeepalived, DiagnosticSeverity.Notice, "rs2.conf:8:5"),
            }));

    [Test]
    public void Seed_article_script_that_stops_keepalived_is_a_warning_on_each_host()
    {
        var fs = new InMemoryConfigFileSystem().Add("/data/shell/check_nginx_status.sh", ArticleScript);
        ImmutableArray<LintFinding> findings = Seed(fs);
        Assert.That(findings.Select(f => (f.RuleId, f.Severity, f.Location.ToString())), Is.EqualTo(new[]
        {
            (LintRules.ScriptStopsKeepalived, DiagnosticSeverity.Warning, "rs1.conf:8:5"),
            (LintRules.ScriptStopsKeepalived, DiagnosticSeverity.Warning, "rs2.conf:8:5"),
        }));
        Assert.That(findings[0].Message, Does.Contain("systemctl stop keepalived"));
    }

    [Test]
    public void Inline_script_command_that_kills_keepalived_is_found()
    {
        string globals = "global_defs {\n enable_script_security\n script_user root\n}\nvrrp_script chk {\n script \"pkill -9 keepalived\"\n}\n";
        Assert.That(Lint(Host("    track_script {\n chk\n }", globals)).Select(f => f.RuleId), Does.Contain(LintRules.ScriptStopsKeepalived));
    }

    [Test]
    public void State_MASTER_with_nopreempt_is_an_error_at_the_nopreempt_line()
    {
        ImmutableArray<LintFinding> f = Seed(new InMemoryConfigFileSystem(), s => s.Replace("state BACKUP", "state MASTER", StringComparison.Ordinal));
        LintFinding e = f.Single(x => x.Severity != DiagnosticSeverity.Notice);
        Assert.That((e.RuleId, e.Location.ToString()), Is.EqualTo((LintRules.NopreemptCleared, "rs1.conf:17:6")));
        Assert.That(f.Where(x => x.RuleId == LintRules.KeepalivedMessage), Is.Empty, "the keepalived warning on the same line is explained by VL001");
    }

    [Test]
    public void Preempt_after_nopreempt_cancels_it_so_no_finding()
    {
        Assert.That(Lint(Host("    state MASTER\n    priority 100\n    nopreempt\n    preempt")).Where(f => f.RuleId == LintRules.NopreemptCleared), Is.Empty);
    }

    [Test]
    public void Preempt_delay_with_state_MASTER_is_an_error() =>
        Assert.That(Lint(Host("    state MASTER\n    priority 100\n    preempt_delay 10")).Select(f => f.RuleId), Does.Contain(LintRules.PreemptDelayCleared));

    [Test]
    public void Mismatched_v2_advert_int_is_an_error_at_the_second_host()
    {
        ImmutableArray<LintFinding> f = Seed(new InMemoryConfigFileSystem(), edit2: s => s.Replace("advert_int 5", "advert_int 3", StringComparison.Ordinal));
        LintFinding e = f.Single(x => x.Severity != DiagnosticSeverity.Notice);
        Assert.That((e.RuleId, e.Severity, e.Location.ToString()), Is.EqualTo((LintRules.AdvertIntervalMismatch, DiagnosticSeverity.Error, "rs2.conf:17:6")));
        Assert.That(e.Message, Does.Contain("rs1.conf:18:6"));
    }

    [Test]
    public void Mismatched_v3_advert_int_is_only_a_warning() =>
        Assert.That(
            Lint(Host("    version 3\n    priority 100\n    advert_int 1"), Host("    version 3\n    priority 50\n    advert_int 2"))
                .Single(f => f.RuleId == LintRules.AdvertIntervalMismatch).Severity,
            Is.EqualTo(DiagnosticSeverity.Warning));

    [Test]
    public void Version_mismatch_is_an_error() =>
        Assert.That(Lint(Host("    priority 100"), Host("    version 3\n    priority 50")).Select(f => f.RuleId), Does.Contain(LintRules.VersionMismatch));

    [Test]
    public void Password_mismatch_is_an_error()
    {
        string a = Host("    priority 100\n    authentication {\n auth_type PASS\n auth_pass one\n }");
        string b = Host("    priority 50\n    authentication {\n auth_type PASS\n auth_pass two\n }");
        Assert.That(Lint(a, b).Single().RuleId, Is.EqualTo(LintRules.AuthenticationMismatch));
    }

    [Test]
    public void Passwords_equal_after_truncation_match_but_long_ones_are_warned()
    {
        string a = Host("    priority 100\n    authentication {\n auth_type PASS\n auth_pass 12345678AAA\n }");
        string b = Host("    priority 50\n    authentication {\n auth_type PASS\n auth_pass 12345678BBB\n }");
        ImmutableArray<LintFinding> f = Lint(a, b);
        Assert.That(f.Where(x => x.Severity == DiagnosticSeverity.Error), Is.Empty);
        Assert.That(f.Count(x => x.RuleId == LintRules.AuthPassTooLong), Is.EqualTo(2));
    }

    [Test]
    public void Equal_priorities_are_a_warning() =>
        Assert.That(Lint(Host("    priority 100"), Host("    priority 100")).Single().RuleId, Is.EqualTo(LintRules.EqualPriorities));

    [Test]
    public void Two_address_owners_are_an_error()
    {
        LintFinding f = Lint(Host("    priority 255"), Host("    priority 255")).Single();
        Assert.That((f.RuleId, f.Severity), Is.EqualTo((LintRules.TwoAddressOwners, DiagnosticSeverity.Error)));
    }

    [Test]
    public void Different_vip_lists_are_an_error()
    {
        string b = Host("    priority 50").Replace("10.0.0.100\n", "10.0.0.100\n        10.0.0.101\n", StringComparison.Ordinal);
        Assert.That(Lint(Host("    priority 100"), b).Single().RuleId, Is.EqualTo(LintRules.VipListMismatch));
    }

    [Test]
    public void Same_vip_with_different_vrid_is_an_error()
    {
        string b = Host("    priority 50").Replace("virtual_router_id 51", "virtual_router_id 52", StringComparison.Ordinal);
        ImmutableArray<LintFinding> f = Lint(Host("    priority 100"), b);
        Assert.That(f.Single(x => x.Severity == DiagnosticSeverity.Error).RuleId, Is.EqualTo(LintRules.VridMismatch));
    }

    [Test]
    public void Instance_without_any_peer_is_a_warning_when_several_hosts_are_given()
    {
        string b = Host("    priority 50").Replace("virtual_router_id 51", "virtual_router_id 52", StringComparison.Ordinal).Replace("10.0.0.100", "10.0.0.200", StringComparison.Ordinal);
        Assert.That(Lint(Host("    priority 100"), b).Select(f => f.RuleId), Is.EqualTo(new[] { LintRules.NoPeer, LintRules.NoPeer }));
    }

    private const string Scripted = "global_defs {\n enable_script_security\n script_user root\n}\nvrrp_script chk {\n script \"/bin/true\"\n weight -60\n}\n";

    [Test]
    public void Weighted_script_is_blocked_when_every_peer_has_nopreempt()
    {
        string a = Host("    priority 100\n    track_script {\n chk\n }", Scripted);
        string b = Host("    priority 50\n    nopreempt");
        LintFinding f = Lint(a, b).Single();
        Assert.That((f.RuleId, f.Severity, f.Location.File), Is.EqualTo((LintRules.WeightBlockedByNopreempt, DiagnosticSeverity.Error, "host1.conf")));
    }

    [Test]
    public void Weighted_script_moves_the_vip_when_a_peer_preempts_and_weight_is_enough() =>
        Assert.That(Lint(Host("    priority 100\n    nopreempt\n    track_script {\n chk\n }", Scripted), Host("    priority 50")), Is.Empty);

    [Test]
    public void Weight_too_small_to_drop_below_the_peer_is_a_warning()
    {
        string a = Host("    priority 100\n    track_script {\n chk weight -10\n }", Scripted);
        LintFinding f = Lint(a, Host("    priority 50")).Single();
        Assert.That((f.RuleId, f.Severity), Is.EqualTo((LintRules.WeightTooSmall, DiagnosticSeverity.Warning)));
    }

    [Test]
    public void Unicast_peers_must_list_each_others_source()
    {
        string a = Host("    priority 100\n    unicast_src_ip 10.0.0.11\n    unicast_peer {\n 10.0.0.12\n }");
        string b = Host("    priority 50\n    unicast_src_ip 10.0.0.12\n    unicast_peer {\n 10.0.0.13\n }");
        LintFinding f = Lint(a, b).Single();
        Assert.That((f.RuleId, f.Location.File), Is.EqualTo((LintRules.UnicastPeersMismatch, "host2.conf")));
    }

    [Test]
    public void Unicast_on_one_host_and_multicast_on_the_other_is_an_error()
    {
        string a = Host("    priority 100\n    unicast_src_ip 10.0.0.11\n    unicast_peer {\n 10.0.0.12\n }");
        Assert.That(Lint(a, Host("    priority 50")).Single().RuleId, Is.EqualTo(LintRules.UnicastMulticastMix));
    }

    [Test]
    public void Reader_warnings_are_reported_as_VL000()
    {
        LintFinding f = Lint(Host("    priority 100\n    bogus_keyword 1")).Single();
        Assert.That((f.RuleId, f.Severity, f.Location.ToString()), Is.EqualTo((LintRules.KeepalivedMessage, DiagnosticSeverity.Warning, "host1.conf:5:5")));
    }
}
