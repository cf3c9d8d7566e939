namespace VrrpLab.RealNet.Tests.Unit;

/// <summary>A tracked file's bytes read as keepalived 2.2.7 reads them: <c>strtol(buf, NULL, 0)</c>, int32 range.</summary>
public sealed class TrackFileValueTests
{
    [TestCase("5\n", 5L)]
    [TestCase("  -12 trailing words", -12L)]
    [TestCase("+7", 7L)]
    [TestCase("0x1F", 31L)]
    [TestCase("010", 8L)]
    [TestCase("09", 0L)]
    [TestCase("0x", 0L)]
    [TestCase("abc", 0L)]
    [TestCase("", 0L)]
    [TestCase("2147483648", 2147483648L)]
    [TestCase("-2147483648", -2147483648L)]
    public void Parses_like_strtol_base_0(string text, long expected) =>
        Assert.That(TrackFileWatcher.ParseValue(Encoding.ASCII.GetBytes(text)), Is.EqualTo(expected));

    [TestCase("2147483649")]
    [TestCase("-2147483649")]
    [TestCase("99999999999999999999999")]
    public void A_number_outside_int32_is_ignored(string text) =>
        Assert.That(TrackFileWatcher.ParseValue(Encoding.ASCII.GetBytes(text)), Is.Null);
}
