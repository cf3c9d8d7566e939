namespace VrrpLab.Cli.Tests;

/// <summary><c>vrrplab graph</c> prints the engine's own state table, guards included.</summary>
public class GraphCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Execute(["graph", .. args]);

    /// <summary>The graph <c>vrrplab graph ARGS</c> prints, once it has exited 0.</summary>
    private static string Graph(params string[] args)
    {
        var (code, output, _) = Run(args);
        Assert.That(code, Is.EqualTo(0));
        return output;
    }

    [Test]
    public void The_mermaid_graph_shows_which_guard_decides_an_advert()
    {
        string output = Graph();
        Assert.That(output, Does.StartWith("stateDiagram"));
        Assert.That(output, Does.Contain("Master --> Backup : AdvertReceived [higher priority, or equal priority from a higher address]"));
        Assert.That(output, Does.Contain("Backup --> Backup : AdvertReceived [lower priority (preempt)]"));
    }

    [Test]
    public void The_dot_graph_carries_the_guards_too()
    {
        string output = Graph("--format", "dot");
        Assert.That(output, Does.Contain("digraph"));
        Assert.That(output, Does.Contain("not in a sync group"));
    }

    [Test]
    public void An_unknown_format_is_a_usage_error()
    {
        var (code, _, err) = Run("--format", "svg");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--format"));
    }
}
