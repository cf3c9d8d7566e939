using VrrpLab.RealNet.Flood;
using VrrpLab.Tests.Shared;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>The flood generator's guard compares namespaces by inode: the named one must be ours and not PID 1's.</summary>
public sealed class NetworkNamespaceGuardTests : TempDirectoryTest
{
    [SetUp]
    public void SetUp()
    {
        Directory.CreateDirectory(Path.Combine(TempDir, "netns"));
        File.WriteAllText(Path.Combine(TempDir, "ours"), "");
        File.WriteAllText(Path.Combine(TempDir, "host"), "");
        File.CreateSymbolicLink(Path.Combine(TempDir, "netns", "test"), Path.Combine(TempDir, "ours"));
        File.CreateSymbolicLink(Path.Combine(TempDir, "self"), Path.Combine(TempDir, "ours"));
    }

    private string? Check(string name, string host = "host") =>
        NetworkNamespaceGuard.Check(name, Path.Combine(TempDir, "netns"), Path.Combine(TempDir, "self"), Path.Combine(TempDir, host));

    [Test]
    public void Inside_the_named_namespace_that_is_not_the_hosts_it_may_run() => Assert.That(Check("test"), Is.Null);

    [Test]
    public void A_namespace_that_does_not_exist_is_refused() =>
        Assert.That(Check("other"), Does.Contain("no network namespace 'other'"));

    [Test]
    public void Another_namespace_than_ours_is_refused()
    {
        File.WriteAllText(Path.Combine(TempDir, "netns", "elsewhere"), "");
        Assert.That(Check("elsewhere"), Does.Contain("does not run in network namespace 'elsewhere'"));
    }

    [Test]
    public void The_hosts_own_namespace_is_refused_even_when_named() =>
        Assert.That(Check("test", host: "ours"), Does.Contain("is the host's own"));

    [TestCase("../etc")]
    [TestCase("")]
    public void A_name_with_a_path_is_refused(string name) => Assert.That(Check(name), Does.Contain("is not a network namespace name"));

    [Test]
    public void This_test_process_is_not_in_a_namespace_called_after_a_random_name() =>
        Assert.That(NetworkNamespaceGuard.Check("vrrplab-" + Environment.ProcessId), Is.Not.Null);
}
