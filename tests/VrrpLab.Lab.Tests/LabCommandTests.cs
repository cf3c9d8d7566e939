using VrrpLab.Tests.Shared;

namespace VrrpLab.Lab.Tests;

/// <summary>Bad input and files the lab cannot run exit 2 with a message, before anything is built.</summary>
public class LabCommandTests
{
    private static (int Code, string Out, string Err) Lab(params string[] args) => CliRun.Execute(["lab", .. args]);

    [Test]
    public void A_drift_is_not_runnable()
    {
        string file = Path.Combine(Path.GetTempPath(), $"vlab-drift-{Environment.ProcessId}.yaml");
        File.WriteAllText(file, File.ReadAllText(LabPaths.Scenario("graceful-stop-skew-takeover")).Replace("  - { at: 10s, stop: node1 }", "  - { at: 10s, drift: { node: node1, rate: 1.05 } }", StringComparison.Ordinal));
        try
        {
            (int code, _, string err) = Lab(file);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(err, Does.Contain("not runnable in the lab").And.Contain("clock cannot be made to run at another rate"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    // Option values that do not parse are in Cli.Tests' CommandLineTests, with every verb's; this one needs the scenario's nodes.
    [Test]
    public void An_impl_for_a_node_the_scenario_does_not_have_exits_2()
    {
        (int code, _, string err) = Lab(LabPaths.Scenario("graceful-stop-skew-takeover"), "--impl", "node9=vrrplab");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--impl names node 'node9', which this scenario does not have"));
    }

    [Test]
    public void A_missing_file_exits_2()
    {
        (int code, _, string err) = Lab("/nonexistent/scenario.yaml");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("/nonexistent/scenario.yaml"));
    }
}
