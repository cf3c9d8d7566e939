using NUnit.Framework.Constraints;
using VrrpLab.Tests.Shared;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>`vrrplab daemon`: bad input ends in one clear message and exit 2, before touching the network.</summary>
public sealed class DaemonCommandTests : TempDirectoryTest
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Execute(args);

    /// <summary>Runs <c>vrrplab daemon</c> with <paramref name="args"/>: it must exit 2 with standard error
    /// (without its surrounding white space) matching <paramref name="error"/>.</summary>
    private static void AssertExits2(IResolveConstraint error, params string[] args)
    {
        var (code, _, err) = Run(["daemon", .. args]);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(err.Trim(), error);
        });
    }

    private string Conf(string text)
    {
        string path = Path.Combine(TempDir, "keepalived.conf");
        File.WriteAllText(path, text);
        return path;
    }

    private static string Instance(string iface = "eth0", string vrid = "51") => $$"""
        vrrp_instance VI_1 {
            state BACKUP
            interface {{iface}}
            virtual_router_id {{vrid}}
            priority 100
            virtual_ipaddress {
                192.0.2.1
            }
        }
        """;

    [Test]
    public void Without_config_it_reads_keepalived_default_path()
    {
        // The real default (/etc/keepalived/keepalived.conf) must not be run by a unit test: the
        // command is built with a default that does not exist, and the help names the real one.
        string missing = Path.Combine(TempDir, "default.conf");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = new Cli.Commands.DaemonCommand(missing).Run([], stdout, stderr);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr.ToString(), Does.StartWith(missing + ":1:1: error:"));
            Assert.That(Cli.Commands.DaemonCommand.DefaultConfigPath, Is.EqualTo("/etc/keepalived/keepalived.conf"));
            Assert.That(new Cli.Commands.DaemonCommand().Help, Does.Contain("default: /etc/keepalived/keepalived.conf"));
        });
    }

    [TestCase("use_vmac", "    use_vmac\n")]
    public void An_unsupported_keyword_is_refused_at_its_line_before_anything_runs(string keyword, string lines)
    {
        // Line 1 "vrrp_instance VI_1 {", 2 state, 3 interface, then the keyword on line 4.
        string text = Instance().Replace("    virtual_router_id", lines + "    virtual_router_id", StringComparison.Ordinal);
        string path = Conf(text);
        AssertExits2(Does.StartWith($"{path}:4:").And.Contain($"vrrp_instance VI_1: {keyword} is not supported yet").And.Not.Contain("   at "), "--config", path);
    }

    [Test]
    public void Unknown_log_format_is_a_usage_error_naming_the_option() =>
        AssertExits2(Does.Contain("--log-format"), "--config", Conf(Instance()), "--log-format", "xml");

    [Test]
    public void A_config_file_that_does_not_exist_is_reported_with_its_location()
    {
        string missing = Path.Combine(TempDir, "nope.conf");
        AssertExits2(Does.StartWith(missing + ":1:1: error:"), "--config", missing);
    }

    [Test]
    public void A_config_the_reader_rejects_is_reported_with_file_line_and_column() =>
        AssertExits2(Does.Match(@"keepalived\.conf:\d+:\d+: error: ").And.Not.Contain("   at "), "--config", Conf(Instance(vrid: "300")));

    [Test]
    public void An_instance_option_naming_no_instance_is_a_clear_error() =>
        AssertExits2(Does.Contain("no vrrp_instance named 'VI_9' (option --instance)"), "--config", Conf(Instance()), "--instance", "VI_9");

    [Test]
    public void An_interface_that_does_not_exist_is_a_clear_error_at_its_line()
    {
        string conf = Conf(Instance(iface: "vlrn-none0"));
        AssertExits2(Is.EqualTo($"{conf}:3:5: vrrplab daemon: vrrp_instance VI_1: interface 'vlrn-none0' does not exist on this host"), "--config", conf);
    }

    [Test]
    public void Help_names_every_option()
    {
        var (code, text, _) = Run("daemon", "--help");
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(0));
            foreach (string option in new[] { "--config", "--instance", "--pid-file", "--log-format" })
            {
                Assert.That(text, Does.Contain(option));
            }
        });
    }

    [Test]
    public void Reload_rereads_the_file_and_refuses_one_with_errors_naming_its_line()
    {
        string path = Conf(Instance(vrid: "300"));
        VrrpLab.RealNet.Daemon.ConfigReload reload = VrrpLab.Cli.Commands.DaemonCommand.Reread(path);
        Assert.That(reload.Config, Is.Null);
        Assert.That(reload.Messages, Has.Some.StartsWith(path + ":4:").And.Some.Contains("error"));

        File.WriteAllText(path, Instance(vrid: "52"));
        reload = VrrpLab.Cli.Commands.DaemonCommand.Reread(path);
        Assert.That(reload.Config!.Instances.Single().VirtualRouterId, Is.EqualTo(52));
        Assert.That(reload.Locate!("VI_1", "interface"), Does.StartWith(path + ":3:"));
    }

    [Test]
    public void Reload_refuses_a_keyword_the_daemon_does_not_support()
    {
        string path = Conf(Instance().Replace("priority 100", "priority 100\n    use_vmac", StringComparison.Ordinal));
        VrrpLab.RealNet.Daemon.ConfigReload reload = VrrpLab.Cli.Commands.DaemonCommand.Reread(path);
        Assert.That(reload.Config, Is.Null);
        Assert.That(reload.Messages, Has.Some.Contains("use_vmac is not supported"));
    }
}
