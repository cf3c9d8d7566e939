using VrrpLab.RealNet.Tests.Fixtures;

namespace VrrpLab.RealNet.Tests;

/// <summary>
/// The base of every test class that runs in network namespaces: one class at a time (they share the
/// machine's namespaces, addresses and processes), in the <c>Netns</c> category that CI runs as root and
/// unit runs leave out, and failing at once with a message naming what is missing (<see cref="Prerequisites"/>).
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Netns")]
public abstract class NamespaceTest
{
    [OneTimeSetUp]
    public void RequireTools() => Prerequisites.Require();
}
