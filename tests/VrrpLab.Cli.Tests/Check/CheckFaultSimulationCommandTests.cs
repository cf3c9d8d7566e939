namespace VrrpLab.Cli.Tests.Check;

/// <summary><c>vrrplab check</c> end to end: the fault simulation's verdicts reach the output and the exit code.</summary>
public sealed class CheckFaultSimulationCommandTests
{
    private string _dir = "";

    [SetUp]
    public void MakeDirectory() => _dir = Directory.CreateTempSubdirectory("vrrplab-check-").FullName;

    [TearDown]
    public void RemoveDirectory() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, int priority, string extra = "")
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, $$"""
            global_defs {
                script_user root
                enable_script_security
            }
            vrrp_script chk_app {
                script "/bin/true"
                interval 1
                weight -20
            }
            vrrp_instance VI_1 {
                state BACKUP
                interface eth0
                virtual_router_id 51
                priority {{priority}}
                advert_int 1
                virtual_ipaddress { 10.1.1.100 }
                {{extra}}
            }
            """);
        return path;
    }

    private static (int Exit, string Out) Check(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = CommandLine.Execute(["check", .. args], stdout, stderr);
        return (exit, stdout.ToString());
    }

    [Test]
    public void A_healthy_pair_prints_every_fault_ok_and_exits_0()
    {
        (int exit, string output) = Check(Write("a.conf", 100), Write("b.conf", 50));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(0), output);
            Assert.That(output.Split('\n').Count(l => l.StartsWith("fault ok", StringComparison.Ordinal)), Is.EqualTo(7), output);
            Assert.That(output, Does.Contain("master crash: a powers off at 6s: b MASTER 3.414162s later"));
        });
    }

    [Test]
    public void A_health_check_too_weak_to_move_the_vip_fails_the_simulation_and_exits_1()
    {
        // Priority 100 - 20 = 80 is still above 50: the failing check leaves the VIP where it is.
        (int exit, string output) = Check(Write("a.conf", 100, "track_script { chk_app }"), Write("b.conf", 50));

        Assert.Multiple(() =>
        {
            Assert.That(exit, Is.EqualTo(1), output);
            Assert.That(output, Does.Contain("fault FAIL health-check failure: chk_app starts failing on a").And.Contain("the VIP stayed on a"));
        });
    }
}
