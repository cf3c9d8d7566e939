using System.Net;
using VrrpLab.Engine.Time;

namespace VrrpLab.Config.Tests;

public class KeepalivedConfigReaderTests
{
    private static ConfigReadResult Parse(string text, IConfigFileSystem? fs = null) =>
        KeepalivedConfigReader.Parse(text, "/etc/keepalived/test.conf", fs);

    private static VrrpInstanceConfig Single(string body, string globals = "")
    {
        ConfigReadResult r = Parse(globals + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 9\n" + body + "\n virtual_ipaddress { 10.0.0.9 }\n}\n");
        Assert.That(r.Config, Is.Not.Null, string.Join("\n", r.Diagnostics));
        return r.Config!.Instances.Single();
    }

    private static ConfigReadResult ReadInstance(string body) =>
        Parse("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 9\n" + body + "\n virtual_ipaddress { 10.0.0.9 }\n}\n");

    /// <summary>The first instance of <paramref name="r"/>, which has <paramref name="message"/> as its only diagnostic.</summary>
    private static VrrpInstanceConfig FirstInstanceWithOnly(ConfigReadResult r, string message)
    {
        Assert.That(r.Diagnostics.Single().Message, Is.EqualTo(message));
        return r.Config!.Instances[0];
    }

    [Test]
    public void Seed_article_master_file_reads_as_the_article_describes()
    {
        ConfigReadResult r = CorpusFiles.Read("real-server1.keepalived.conf");
        Assert.That(r.Diagnostics, Is.Empty);
        RouterConfig c = r.Config!;
        VrrpInstanceConfig vi = c.Instances.Single();
        Assert.Multiple(() =>
        {
            Assert.That(c.RouterId, Is.EqualTo("real-server1"));
            Assert.That(c.ScriptUser, Is.EqualTo("root"));
            Assert.That(c.EnableScriptSecurity, Is.True);
            Assert.That(vi.Name, Is.EqualTo("VI_1"));
            Assert.That(vi.Interface, Is.EqualTo("ens32"));
            Assert.That(vi.VirtualRouterId, Is.EqualTo(151));
            Assert.That(vi.Priority, Is.EqualTo(100));
            Assert.That(vi.State, Is.EqualTo(InitialState.Backup));
            Assert.That(vi.EffectiveNopreempt, Is.True);
            Assert.That(vi.AdvertInterval, Is.EqualTo(Duration.FromSeconds(5)));
            Assert.That(vi.Version, Is.EqualTo(VrrpVersion.V2));
            Assert.That(vi.AuthType, Is.EqualTo(AuthType.SimpleText));
            Assert.That(vi.AuthPassword, Is.EqualTo("1111"));
            Assert.That(vi.VirtualAddresses, Is.EqualTo(new[] { new VirtualAddress(IPAddress.Parse("192.168.179.199"), 32) }));
            Assert.That(vi.TrackScripts, Is.EqualTo(new[] { new ScriptTrack("chk_nginx") }));
            Assert.That(c.Scripts.Single(), Is.EqualTo(new TrackedScript(
                "chk_nginx", "/data/shell/check_nginx_status.sh", Duration.FromSeconds(2), Duration.FromSeconds(2), 0, 1, 1, false, "root")));
        });
    }

    [Test]
    public void Seed_article_backup_file_has_priority_50_and_preempts()
    {
        ConfigReadResult r = CorpusFiles.Read("real-server2.keepalived.conf");
        Assert.That(r.Diagnostics, Is.Empty);
        VrrpInstanceConfig vi = r.Config!.Instances.Single();
        Assert.That((vi.Priority, vi.Nopreempt, vi.State), Is.EqualTo(((byte)50, false, InitialState.Backup)));
    }

    [Test]
    public void Priority_defaults_to_100() => Assert.That(Single("").Priority, Is.EqualTo(100));

    [Test]
    public void State_MASTER_without_priority_means_priority_255() =>
        Assert.That(Single("state MASTER").Priority, Is.EqualTo(255));

    [Test]
    public void Priority_255_without_state_means_state_MASTER() =>
        Assert.That(Single("priority 255").State, Is.EqualTo(InitialState.Master));

    [Test]
    public void Priority_255_with_explicit_state_BACKUP_stays_BACKUP() =>
        Assert.That(Single("state BACKUP\n priority 255").State, Is.EqualTo(InitialState.Backup));

    [TestCase("1.5", 2_000_000, "(VI_1) VRRPv2 advertisement interval 1.500000s must be an integer. rounding")]
    [TestCase("1.4", 1_000_000, "(VI_1) VRRPv2 advertisement interval 1.400000s must be an integer. rounding")]
    [TestCase("0.4", 1_000_000, "(VI_1) VRRPv2 advertisement interval 0.400000s must be an integer. rounding")]
    [TestCase("3", 3_000_000, null)]
    public void V2_advert_int_is_rounded_to_whole_seconds_with_keepalived_warning(string written, long us, string? warning)
    {
        ConfigReadResult r = ReadInstance("advert_int " + written);
        Assert.That(r.Config!.Instances[0].AdvertInterval, Is.EqualTo(Duration.FromMicroseconds(us)));
        Assert.That(r.Diagnostics.Select(d => d.Message), warning is null ? Is.Empty : Is.EqualTo(new[] { warning }));
    }

    [TestCase("0.123", 120_000)]
    [TestCase("0.125", 130_000)]
    [TestCase("0.014", 10_000)]
    [TestCase("0.25", 250_000)]
    public void V3_advert_int_is_rounded_to_10ms(string written, long us)
    {
        ConfigReadResult r = ReadInstance("version 3\n advert_int " + written);
        Assert.That(r.Config!.Instances[0].AdvertInterval, Is.EqualTo(Duration.FromMicroseconds(us)));
        bool exact = us * 1 == (long)(decimal.Parse(written, System.Globalization.CultureInfo.InvariantCulture) * 1_000_000);
        Assert.That(r.Diagnostics.Any(d => d.Message.Contains("must be in units of 10ms - rounding", StringComparison.Ordinal)), Is.EqualTo(!exact));
    }

    [Test]
    public void Auth_pass_longer_than_8_is_truncated_with_warning_at_the_password()
    {
        ConfigReadResult r = ReadInstance("authentication {\n auth_type PASS\n auth_pass 0123456789\n }");
        Assert.That(r.Config!.Instances[0].AuthPassword, Is.EqualTo("01234567"));
        ConfigDiagnostic d = r.Diagnostics.Single();
        Assert.That((d.Severity, d.Line, d.Column, d.Message), Is.EqualTo((DiagnosticSeverity.Warning, 6, 12, "Truncating auth_pass to 8 characters")));
    }

    [Test]
    public void Nopreempt_with_state_MASTER_is_cleared_with_keepalived_warning_at_its_line()
    {
        ConfigReadResult r = ReadInstance("state MASTER\n priority 100\n nopreempt");
        Assert.That(r.Config!.Instances[0].Nopreempt, Is.False);
        ConfigDiagnostic d = r.Diagnostics.Single();
        Assert.That(d.Message, Is.EqualTo("(VI_1) Warning - nopreempt will not work with initial state MASTER - clearing"));
        Assert.That((d.Line, d.Column), Is.EqualTo((6, 2)));
    }

    [Test]
    public void Nopreempt_with_priority_255_is_reset()
    {
        VrrpInstanceConfig vi = FirstInstanceWithOnly(ReadInstance("state BACKUP\n priority 255\n nopreempt"), "(VI_1) nopreempt is incompatible with priority 255. resetting nopreempt");
        Assert.That(vi.Nopreempt, Is.False);
    }

    [Test]
    public void Preempt_delay_with_state_MASTER_is_cleared()
    {
        ConfigReadResult r = ReadInstance("state MASTER\n priority 100\n preempt_delay 30");
        Assert.That(r.Config!.Instances[0].PreemptDelay, Is.EqualTo(Duration.Zero));
        Assert.That(r.Diagnostics.Single().Message, Does.Contain("preempt delay will not work with initial state MASTER - clearing"));
    }

    [Test]
    public void Preempt_delay_is_kept_for_a_backup() =>
        Assert.That(Single("preempt_delay 2.5").PreemptDelay, Is.EqualTo(Duration.FromMilliseconds(2500)));

    [Test]
    public void Global_vrrp_version_and_garp_defaults_apply_to_instances()
    {
        VrrpInstanceConfig vi = Single("garp_master_repeat 2", "global_defs {\n vrrp_version 3\n vrrp_garp_master_delay 1\n vrrp_garp_master_refresh 60\n}\n");
        Assert.Multiple(() =>
        {
            Assert.That(vi.Version, Is.EqualTo(VrrpVersion.V3));
            Assert.That(vi.GratuitousArp.MasterDelay, Is.EqualTo(Duration.FromSeconds(1)));
            Assert.That(vi.GratuitousArp.MasterRefresh, Is.EqualTo(Duration.FromSeconds(60)));
            Assert.That(vi.GratuitousArp.MasterRepeat, Is.EqualTo(2));
        });
    }

    [Test]
    public void Instance_version_overrides_global_vrrp_version() =>
        Assert.That(Single("version 2", "global_defs { vrrp_version 3 }\n").Version, Is.EqualTo(VrrpVersion.V2));

    [Test]
    public void Ipv6_addresses_make_the_instance_version_3()
    {
        ConfigReadResult r = CorpusFiles.Read("ok-v3-ipv6.conf");
        VrrpInstanceConfig vi = r.Config!.Instances.Single();
        Assert.That(vi.Version, Is.EqualTo(VrrpVersion.V3));
        Assert.That(vi.VirtualAddresses.Select(v => v.ToString()), Is.EqualTo(new[] { "fe80::62/64", "2001:db8::62/64" }));
        Assert.That(vi.AdvertInterval, Is.EqualTo(Duration.FromMilliseconds(250)));
    }

    [Test]
    public void Virtual_address_reads_prefix_dev_and_label_and_skips_other_options_with_a_notice()
    {
        ConfigReadResult r = Parse("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 9\n virtual_ipaddress {\n 10.0.0.9/24 dev eth1 label eth1:0 scope global\n }\n}\n");
        Assert.That(r.Config!.Instances[0].VirtualAddresses.Single(), Is.EqualTo(new VirtualAddress(IPAddress.Parse("10.0.0.9"), 24, "eth1", "eth1:0")));
        ConfigDiagnostic d = r.Diagnostics.Single();
        Assert.That((d.Severity, d.Line, d.Column), Is.EqualTo((DiagnosticSeverity.Notice, 5, 36)));
    }

    [Test]
    public void Invalid_vip_is_skipped_with_keepalived_warning()
    {
        VrrpInstanceConfig vi = FirstInstanceWithOnly(CorpusFiles.Read("bad-invalid-vip.conf"), "VRRP parsed invalid IP 192.0.2.300. skipping IP...");
        Assert.That(vi.VirtualAddresses, Has.Length.EqualTo(1));
    }

    [Test]
    public void Track_script_entries_carry_their_weight_and_scripts_get_keepalived_defaults()
    {
        ConfigReadResult r = Parse(
            "global_defs {\n enable_script_security\n script_user root\n}\nvrrp_script chk { script \"/bin/check arg\" }\n"
            + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 9\n track_script {\n chk weight -20\n }\n virtual_ipaddress { 10.0.0.9 }\n}\n");
        Assert.That(r.Diagnostics, Is.Empty);
        Assert.That(r.Config!.Instances[0].TrackScripts.Single(), Is.EqualTo(new ScriptTrack("chk", -20)));
        Assert.That(r.Config.Scripts.Single(), Is.EqualTo(TrackedScript.WithDefaults("chk", "/bin/check arg") with { User = "root" }));
    }

    [Test]
    public void Unknown_track_script_is_ignored_with_keepalived_warning()
    {
        ConfigReadResult r = CorpusFiles.Read("bad-track-missing.conf");
        Assert.That(r.Config!.Instances[0].TrackScripts, Is.Empty);
        Assert.That(r.Diagnostics.Single().ToString(), Does.EndWith("bad-track-missing.conf:8:9: warning: (VI_1) track script chk_nothere not found, ignoring..."));
    }

    [Test]
    public void Weighted_trackers_of_sync_group_members_are_ignored_like_keepalived()
    {
        ConfigReadResult r = CorpusFiles.Read("bad-sync-group-weights.conf");
        VrrpInstanceConfig ext = r.Config!.Instances.Single(i => i.Name == "VI_EXT");
        Assert.That(ext.TrackScripts, Is.Empty);
        Assert.That(ext.TrackInterfaces.Single(), Is.EqualTo(new InterfaceTrack("eth1", 0)));
        Assert.That(r.Config.SyncGroups.Single().Instances, Is.EqualTo(new[] { "VI_EXT", "VI_INT" }));
    }

    [Test]
    public void Unknown_keyword_is_a_warning_with_its_position()
    {
        ConfigReadResult r = CorpusFiles.Read("bad-unknown-keyword.conf");
        Assert.That(r.Config, Is.Not.Null);
        Assert.That(r.Diagnostics.Single().ToString(), Does.EndWith("bad-unknown-keyword.conf:4:5: warning: Unknown keyword 'advert_interval'"));
    }

    [Test]
    public void Blocks_outside_the_vrrp_subset_are_skipped_with_one_notice_and_the_file_loads()
    {
        ConfigReadResult r = CorpusFiles.Read("ok-full-production.conf");
        Assert.That(r.Config!.Instances.Single().Name, Is.EqualTo("VI_LVS"));
        Assert.That(r.Diagnostics.All(d => d.Severity == DiagnosticSeverity.Notice), Is.True, string.Join("\n", r.Diagnostics));
        Assert.That(r.Diagnostics.Count(d => d.Message.Contains("'virtual_server'", StringComparison.Ordinal)), Is.EqualTo(1));
    }

    [TestCase("bad-no-vrid.conf", 1, 1, "(VI_1) the virtual router id must be set")]
    [TestCase("bad-unbalanced.conf", 1, 20, "There are 1 missing '}'s or extra '{'s")]
    [TestCase("bad-extra-brace.conf", 8, 1, "Extra '}' found")]
    [TestCase("bad-unterminated-quote.conf", 2, 15, "Unterminated quote")]
    [TestCase("bad-v3-no-vip.conf", 1, 1, "(VI_1) No VIP specified; at least one is required")]
    public void Errors_have_file_line_and_column_and_no_config(string file, int line, int column, string message)
    {
        ConfigReadResult r = CorpusFiles.Read(file);
        Assert.That(r.Config, Is.Null);
        ConfigDiagnostic e = r.Diagnostics.First(d => d.Severity == DiagnosticSeverity.Error);
        Assert.That((e.File, e.Line, e.Column), Is.EqualTo((CorpusFiles.PathOf(file), line, column)));
        Assert.That(e.Message, Does.StartWith(message));
    }

    [Test]
    public void Vrid_out_of_range_is_reported_at_the_value_and_then_missing()
    {
        ConfigReadResult r = CorpusFiles.Read("bad-vrid-range.conf");
        Assert.That(r.Diagnostics.Select(d => (d.Severity, d.Line, d.Message)), Is.EqualTo(new[]
        {
            (DiagnosticSeverity.Warning, 3, "number '300' outside range [1, 255]"),
            (DiagnosticSeverity.Warning, 3, "(VI_1): VRID '300' not valid - must be between 1 & 255"),
            (DiagnosticSeverity.Error, 1, "(VI_1) the virtual router id must be set"),
        }));
    }

    [Test]
    public void One_line_blocks_quoted_names_comments_and_brace_on_next_line_are_read()
    {
        ConfigReadResult r = CorpusFiles.Read("ok-oneline-quoted.conf");
        Assert.That(r.Diagnostics, Is.Empty);
        VrrpInstanceConfig vi = r.Config!.Instances.Single();
        Assert.That((r.Config.RouterId, vi.Name, vi.Interface, vi.VirtualRouterId, vi.AuthPassword), Is.EqualTo(("edge one", "VI 7", "eth0", (byte)7, "s3cret")));
        Assert.That(vi.Notify.Master, Is.EqualTo("/usr/bin/logger became master"));
    }

    [Test]
    public void Two_keywords_in_a_one_line_block_are_one_statement_as_in_keepalived()
    {
        VrrpInstanceConfig vi = FirstInstanceWithOnly(CorpusFiles.Read("bad-oneline-two-keywords.conf"), "(VI_1) Authentication specified but no password given. Ignoring");
        Assert.That(vi.AuthType, Is.EqualTo(AuthType.None));
    }

    [Test]
    public void Include_glob_is_relative_to_the_including_file_and_sorted()
    {
        var fs = new InMemoryConfigFileSystem()
            .Add("/etc/k/keepalived.conf", "include conf.d/*.conf\n")
            .Add("/etc/k/conf.d/b.conf", "vrrp_instance B {\n interface eth0\n virtual_router_id 2\n virtual_ipaddress { 10.0.0.2 }\n}\n")
            .Add("/etc/k/conf.d/a.conf", "vrrp_instance A {\n interface eth0\n virtual_router_id 1\n virtual_ipaddress { 10.0.0.1 }\n}\n")
            .Add("/etc/k/conf.d/skip.txt", "garbage {");
        ConfigReadResult r = KeepalivedConfigReader.Read("/etc/k/keepalived.conf", fs);
        Assert.That(r.Diagnostics, Is.Empty);
        Assert.That(r.Config!.Instances.Select(i => i.Name), Is.EqualTo(new[] { "A", "B" }));
        Assert.That(r.Source.Instance("B")!.Location, Is.EqualTo(new SourceLocation("/etc/k/conf.d/b.conf", 1, 1)));
    }

    [Test]
    public void Include_inside_a_block_splices_keywords_into_it()
    {
        var fs = new InMemoryConfigFileSystem()
            .Add("/k/main.conf", "vrrp_instance A {\n interface eth0\n include vrid.inc\n virtual_ipaddress { 10.0.0.1 }\n}\n")
            .Add("/k/vrid.inc", "virtual_router_id 77\n");
        Assert.That(KeepalivedConfigReader.Read("/k/main.conf", fs).Config!.Instances[0].VirtualRouterId, Is.EqualTo(77));
    }

    [Test]
    public void Base_directory_replaces_the_display_names_directory_for_includes()
    {
        var fs = new InMemoryConfigFileSystem()
            .Add("/scenarios/confs/vrid.inc", "virtual_router_id 12\n");
        ConfigReadResult r = KeepalivedConfigReader.Parse(
            "vrrp_instance A {\n interface eth0\n include confs/vrid.inc\n virtual_ipaddress { 10.0.0.1 }\n}\n", "inline in s.yaml", fs, 3, 4, "/scenarios");
        Assert.That(r.Config!.Instances[0].VirtualRouterId, Is.EqualTo(12));
    }

    [Test]
    public void Include_cycle_is_an_error_at_the_include()
    {
        var fs = new InMemoryConfigFileSystem()
            .Add("/k/a.conf", "include b.conf\n")
            .Add("/k/b.conf", "\n include a.conf\n");
        ConfigReadResult r = KeepalivedConfigReader.Read("/k/a.conf", fs);
        ConfigDiagnostic e = r.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.That((e.File, e.Line, e.Column), Is.EqualTo(("/k/b.conf", 2, 10)));
        Assert.That(e.Message, Does.StartWith("include cycle"));
    }

    [Test]
    public void Include_matching_nothing_is_keepalived_notice()
    {
        ConfigReadResult r = KeepalivedConfigReader.Read("/k/a.conf", new InMemoryConfigFileSystem().Add("/k/a.conf", "include nothere/*.conf\n"));
        Assert.That(r.Diagnostics.Single().Message, Is.EqualTo("Config files missing 'nothere/*.conf'."));
        Assert.That(r.Config, Is.Not.Null);
    }

    [Test]
    public void Line_and_column_offsets_shift_every_position()
    {
        ConfigReadResult r = KeepalivedConfigReader.Parse("vrrp_instance VI_1 {\n  interface eth0\n  bogus 1\n}\n", "scenario.yaml", null, lineOffset: 10, columnOffset: 6);
        ConfigDiagnostic w = r.Diagnostics.First(d => d.Message.Contains("bogus", StringComparison.Ordinal));
        Assert.That((w.File, w.Line, w.Column), Is.EqualTo(("scenario.yaml", 13, 9)));
    }

    [Test]
    public void Missing_file_is_an_error_at_line_1()
    {
        ConfigReadResult r = KeepalivedConfigReader.Read("/nope.conf", new InMemoryConfigFileSystem());
        Assert.That(r.Config, Is.Null);
        Assert.That(r.Diagnostics.Single().ToString(), Does.StartWith("/nope.conf:1:1: error:"));
    }

    [Test]
    public void Unicast_source_and_peers_are_read()
    {
        ConfigReadResult r = CorpusFiles.Read("ok-unicast.conf");
        VrrpInstanceConfig vi = r.Config!.Instances.Single();
        Assert.That(vi.UnicastSourceAddress, Is.EqualTo(IPAddress.Parse("10.0.0.11")));
        Assert.That(vi.UnicastPeers, Is.EqualTo(new[] { IPAddress.Parse("10.0.0.12") }));
    }

    [Test]
    public void Script_security_violation_is_keepalived_warning()
    {
        ConfigReadResult r = CorpusFiles.Read("bad-script-no-security.conf");
        Assert.That(r.Diagnostics.Single().Message, Is.EqualTo("SECURITY VIOLATION - scripts are being executed but script_security not enabled."));
    }

    private static VrrpInstanceConfig CorpusInstance(string file, out RouterConfig router)
    {
        ConfigReadResult r = CorpusFiles.Read(file);
        Assert.That(r.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Notice), Is.Empty, string.Join("\n", r.Diagnostics));
        router = r.Config!;
        return router.Instances[0];
    }

    [Test]
    public void Instance_garp_timing_and_notify_scripts_are_read()
    {
        VrrpInstanceConfig vi = CorpusInstance("ok-garp-notify.conf", out _);
        Assert.Multiple(() =>
        {
            Assert.That(vi.GratuitousArp, Is.EqualTo(new GratuitousArpSettings(
                Duration.FromSeconds(1), 3, Duration.FromSeconds(30), 2, Duration.FromSeconds(2), 2)));
            Assert.That(vi.LowerPrioNoAdvert, Is.True);
            Assert.That(vi.DownTimerAdverts, Is.EqualTo(5));
            Assert.That(vi.Notify, Is.EqualTo(new NotifyScripts(
                "/usr/bin/logger master", "/usr/bin/logger backup", "/usr/bin/logger fault", "/usr/bin/logger stop", "/usr/bin/logger")));
        });
    }

    [Test]
    public void Global_garp_and_startup_delay_are_read()
    {
        VrrpInstanceConfig vi = CorpusInstance("ok-global-garp.conf", out RouterConfig router);
        Assert.That(router.StartupDelay, Is.EqualTo(Duration.FromSeconds(5)));
        Assert.That(vi.GratuitousArp, Is.EqualTo(new GratuitousArpSettings(
            Duration.FromSeconds(1), 2, Duration.FromSeconds(60), 2, Duration.FromSeconds(1), 3)));
        Assert.That(vi.LowerPrioNoAdvert, Is.True);
    }

    [Test]
    public void Script_settings_and_track_weights_are_read()
    {
        VrrpInstanceConfig vi = CorpusInstance("ok-track-script-weights.conf", out RouterConfig router);
        Assert.That(router.Scripts, Is.EqualTo(new[]
        {
            new TrackedScript("chk_a", "/usr/bin/true", Duration.FromSeconds(3), Duration.FromSeconds(2), 20, 2, 2, true, "root"),
            new TrackedScript("chk_b", "/usr/bin/true --quiet", Duration.FromSeconds(1), Duration.FromSeconds(1), -40, 1, 1, false, "root"),
        }));
        Assert.That(vi.TrackScripts, Is.EqualTo(new[] { new ScriptTrack("chk_a"), new ScriptTrack("chk_b", -60) }));
    }

    [Test]
    public void Track_interface_weight_is_read()
    {
        VrrpInstanceConfig vi = CorpusInstance("ok-track-interface.conf", out _);
        Assert.That(vi.TrackInterfaces, Is.EqualTo(new[] { new InterfaceTrack("eth1", -10) }));
    }

    [Test]
    public void V3_unicast_instance_is_read()
    {
        VrrpInstanceConfig vi = CorpusInstance("ok-v3-unicast.conf", out _);
        Assert.That((vi.Version, vi.AdvertInterval, vi.UnicastPeers.Length), Is.EqualTo((VrrpVersion.V3, Duration.FromMilliseconds(500), 2)));
    }

    [Test]
    public void Duplicate_vrid_on_one_interface_is_an_error()
    {
        ConfigReadResult r = CorpusFiles.Read("bad-duplicate-vrid.conf");
        Assert.That(r.Config, Is.Null);
        Assert.That(r.Diagnostics.Single().Message, Is.EqualTo("VI_1 and VI_2 both use VRID 51 with IPv4 on interface eth0"));
    }

    [Test]
    public void Unknown_state_defaults_to_BACKUP_with_keepalived_warning()
    {
        VrrpInstanceConfig vi = FirstInstanceWithOnly(CorpusFiles.Read("bad-unknown-state.conf"), "(VI_1) unknown state 'master', defaulting to BACKUP");
        Assert.That(vi.State, Is.EqualTo(InitialState.Backup));
    }

    [Test]
    public void Glued_braces_and_comments_inside_words_are_read_as_keepalived_does()
    {
        VrrpInstanceConfig vi = CorpusInstance("ok-glued-braces-midword-comments.conf", out _);
        Assert.That((vi.VirtualRouterId, vi.Priority, vi.VirtualAddresses.Single().ToString(), vi.Notify), Is.EqualTo(((byte)5, (byte)90, "192.0.2.5/32", NotifyScripts.None)));
    }
}
