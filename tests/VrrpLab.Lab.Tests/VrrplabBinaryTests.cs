using VrrpLab.Tests.Shared;

namespace VrrpLab.Lab.Tests;

/// <summary>The lab runs the NativeAOT vrrplab when scripts/publish made a current one, and says which binary ran.</summary>
public class VrrplabBinaryTests : TempDirectoryTest
{
    private string _build = "";

    [SetUp]
    public void SetUp()
    {
        _build = Path.Combine(TempDir, "artifacts", "bin", "VrrpLab.Cli", "debug");
        Directory.CreateDirectory(_build);
        Directory.CreateDirectory(Path.Combine(TempDir, "out", "publish"));
        File.WriteAllText(Path.Combine(TempDir, "VrrpLab.sln"), "");
        File.WriteAllText(Path.Combine(_build, "vrrplab.dll"), "");
        File.SetLastWriteTimeUtc(Path.Combine(_build, "vrrplab.dll"), new DateTime(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc));
    }

    private string Native(DateTime written)
    {
        string native = Path.Combine(TempDir, "out", "publish", "vrrplab");
        File.WriteAllText(native, "");
        File.SetLastWriteTimeUtc(native, written);
        return native;
    }

    [Test]
    public void A_current_native_build_is_preferred_to_the_jit()
    {
        string native = Native(new DateTime(2026, 12, 5, 9, 5, 0, DateTimeKind.Utc));
        (IReadOnlyList<string> command, string description) = VrrplabBinary.Resolve(null, _build, "/usr/bin/dotnet");
        Assert.That(command, Is.EqualTo(new[] { native }));
        Assert.That(description, Does.Contain("NativeAOT, from scripts/publish"));
    }

    [Test]
    public void A_stale_native_build_is_not_used_and_the_output_says_why()
    {
        string native = Native(new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc));
        (IReadOnlyList<string> command, string description) = VrrplabBinary.Resolve(null, _build, "/usr/bin/dotnet");
        Assert.That(command, Is.EqualTo(new[] { "dotnet", Path.Combine(_build, "vrrplab.dll") }));
        Assert.That(description, Does.Contain("JIT").And.Contain(native + " is older than this build"));
    }

    [Test]
    public void Without_a_native_build_the_jit_runs()
    {
        (IReadOnlyList<string> command, string description) = VrrplabBinary.Resolve(null, _build, "/usr/bin/dotnet");
        Assert.That(command[0], Is.EqualTo("dotnet"));
        Assert.That(description, Does.Contain("no NativeAOT build"));
    }

    [Test]
    public void The_environment_variable_wins()
    {
        _ = Native(new DateTime(2026, 12, 5, 9, 5, 0, DateTimeKind.Utc));
        Assert.That(VrrplabBinary.Resolve("/opt/x/vrrplab", _build, "/usr/bin/dotnet").Command, Is.EqualTo(new[] { "/opt/x/vrrplab" }));
        Assert.That(VrrplabBinary.Resolve("/opt/x/vrrplab.dll", _build, "/usr/bin/dotnet").Command, Is.EqualTo(new[] { "dotnet", "/opt/x/vrrplab.dll" }));
    }
}
