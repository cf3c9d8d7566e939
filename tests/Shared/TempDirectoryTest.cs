using System.Diagnostics.CodeAnalysis;

// The first public type of this namespace: its name is a Visual Basic keyword, and only C# test projects use it.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace", Target = "~N:VrrpLab.Tests.Shared",
    Justification = "A test-only namespace, linked into C# test projects; no Visual Basic consumer.")]

namespace VrrpLab.Tests.Shared;

/// <summary>
/// A fixture whose every test gets a fresh directory of its own under the system's temp folder,
/// <see cref="TempDir"/>, deleted with everything in it after the test. A derived fixture's own
/// <c>[SetUp]</c> runs after the directory exists (NUnit runs a base class's first).
/// </summary>
public abstract class TempDirectoryTest
{
    /// <summary>This test's directory (named after the fixture, e.g. /tmp/vrrplab-RunCommandTests-XXXXXX).</summary>
    protected string TempDir { get; private set; } = "";

    [SetUp]
    public void CreateTempDirectory() => TempDir = Directory.CreateTempSubdirectory($"vrrplab-{GetType().Name}-").FullName;

    [TearDown]
    public void DeleteTempDirectory() => Directory.Delete(TempDir, recursive: true);
}
