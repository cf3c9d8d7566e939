namespace VrrpLab.Cli.Tests;

/// <summary><c>vrrplab flood</c> refuses bad options and any place that is not the named test namespace (exit 2).</summary>
public class FloodCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => CliRun.Execute(["flood", .. args]);

    private static readonly string[] Good = ["--dev", "eth0", "--vrid", "51", "--rate", "200", "--for", "5s", "--kind", "garbage"];

    [Test]
    public void Outside_the_named_namespace_it_refuses_to_send_anything()
    {
        var (code, output, err) = Run(["--netns", "vrrplab-no-such-namespace", .. Good]);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(err, Does.Contain("no network namespace 'vrrplab-no-such-namespace'"));
    }

    [TestCase(new[] { "--dev", "eth0", "--vrid", "51", "--rate", "200", "--for", "5s", "--kind", "garbage" }, "option --netns is required")]
    [TestCase(new[] { "--netns", "n", "--dev", "eth0", "--vrid", "51", "--rate", "200", "--for", "5s", "--kind", "noise" }, "option --kind must be one of garbage, wrong_auth, wrong_version (got 'noise')")]
    [TestCase(new[] { "--netns", "n", "--dev", "eth0", "--vrid", "0", "--rate", "200", "--for", "5s", "--kind", "garbage" }, "option --vrid must be 1..255 (got '0')")]
    [TestCase(new[] { "--netns", "n", "--dev", "eth0", "--vrid", "51", "--rate", "fast", "--for", "5s", "--kind", "garbage" }, "option --rate needs datagrams per second")]
    [TestCase(new[] { "--netns", "n", "--dev", "eth0", "--vrid", "51", "--rate", "300000", "--for", "5s", "--kind", "garbage" }, "--rate must be 1..200000 datagrams per second (got 300000)")]
    [TestCase(new[] { "--netns", "n", "--dev", "eth0", "--vrid", "51", "--rate", "200", "--for", "10m", "--kind", "garbage" }, "--for must be more than 0s and at most 300s (got 600s)")]
    [TestCase(new[] { "--netns", "n", "--dev", "eth0", "--vrid", "51", "--rate", "200", "--for", "soon", "--kind", "garbage" }, "option --for:")]
    public void Bad_options_are_usage_errors_naming_the_option(string[] args, string message)
    {
        var (code, _, err) = Run(args);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(err, Does.Contain(message));
    }

    [Test]
    public void Help_says_it_is_bounded_and_namespace_only()
    {
        var (code, output, _) = Run("--help");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("ip netns exec NS vrrplab flood --netns NS"));
        Assert.That(output, Does.Contain("must not be the host's"));
    }
}
