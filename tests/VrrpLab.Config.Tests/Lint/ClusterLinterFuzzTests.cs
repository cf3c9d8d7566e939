using FsCheck;
using FsCheck.Fluent;

namespace VrrpLab.Config.Tests.Lint;

/// <summary>The linter never throws, whatever the readable configurations it is given.</summary>
public class ClusterLinterFuzzTests
{
    private static readonly string[] Lines =
    [
        "state MASTER", "state BACKUP", "priority 255", "priority 100", "priority 50", "priority 1", "nopreempt", "preempt",
        "preempt_delay 5", "advert_int 1", "advert_int 2", "advert_int 0.5", "version 3", "version 2",
        "authentication {\n auth_type PASS\n auth_pass 1111\n }", "authentication {\n auth_type PASS\n auth_pass 123456789\n }",
        "authentication {\n auth_type AH\n auth_pass x\n }", "virtual_router_id 51", "virtual_router_id 52",
        "unicast_src_ip 10.0.0.1", "unicast_src_ip 10.0.0.2", "unicast_peer {\n 10.0.0.1\n }", "unicast_peer {\n 10.0.0.2\n }",
        "track_script {\n chk\n }", "track_script {\n chk weight -50\n }", "track_script {\n chk weight 30\n }",
        "virtual_ipaddress {\n 10.0.0.100\n }", "virtual_ipaddress {\n 10.0.0.101\n }", "virtual_ipaddress {\n fe80::1\n }",
        "track_interface {\n eth1 weight -10\n }",
    ];

    private static Gen<string> Host() =>
        from lines in Gen.ListOf(Gen.Elements(Lines))
        from weight in Gen.Choose(-253, 253)
        select "global_defs {\n enable_script_security\n script_user root\n}\n"
            + $"vrrp_script chk {{\n script \"/check.sh\"\n weight {weight}\n}}\n"
            + "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n" + string.Join("\n", lines) + "\n}\n";

    [FsProperty(MaxTest = 300)]
    public Property Linting_any_readable_cluster_never_throws_and_locates_every_finding() =>
        Prop.ForAll(Gen.ListOf(Host()).Where(h => h.Count is > 0 and < 5).ToArbitrary(), hosts =>
        {
            var fs = new InMemoryConfigFileSystem().Add("/check.sh", "#!/bin/sh\nsystemctl stop keepalived\n");
            var results = hosts.Select((t, i) => KeepalivedConfigReader.Parse(t, $"h{i}.conf", fs)).ToList();
            var findings = ClusterLinter.Lint(results, fs);
            return findings.All(f => f.Location.Line >= 1 && f.Location.Column >= 1 && f.RuleId.StartsWith("VL", StringComparison.Ordinal)
                && f.Consequence.Length > 0);
        });
}
