using VrrpLab.RealNet.Scripts;

namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>keepalived exec's scripts without a shell: how a script line becomes argv.</summary>
public sealed class ScriptCommandLineTests
{
    [TestCase("/data/shell/check_nginx_status.sh", new[] { "/data/shell/check_nginx_status.sh" })]
    [TestCase("  killall   -0 nginx ", new[] { "killall", "-0", "nginx" })]
    [TestCase("/bin/sh -c \"pidof nginx || exit 1\"", new[] { "/bin/sh", "-c", "pidof nginx || exit 1" })]
    [TestCase("/bin/echo 'a \"b\" c' d", new[] { "/bin/echo", "a \"b\" c", "d" })]
    [TestCase(@"/bin/echo a\ b", new[] { "/bin/echo", "a b" })]
    [TestCase("/bin/echo \"\"", new[] { "/bin/echo", "" })]
    public void Script_line_splits_like_keepalived(string line, string[] expected)
    {
        Assert.That(ScriptCommandLine.Split(line), Is.EqualTo(expected));
    }

    [Test]
    public void Blank_script_line_has_no_words()
    {
        Assert.That(ScriptCommandLine.Split("   "), Is.Empty);
    }
}
