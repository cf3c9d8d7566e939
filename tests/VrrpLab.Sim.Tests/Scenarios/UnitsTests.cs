namespace VrrpLab.Sim.Tests.Scenarios;

public class UnitsTests
{
    [TestCase("250us", 250)]
    [TestCase("15ms", 15_000)]
    [TestCase("1.5s", 1_500_000)]
    [TestCase("0.1s", 100_000)]
    [TestCase("15.609s", 15_609_000)]
    [TestCase("0.000001s", 1)]
    [TestCase("2m", 120_000_000)]
    [TestCase("1.25m", 75_000_000)]
    [TestCase("1h", 3_600_000_000)]
    [TestCase("0", 0)]
    [TestCase("300s", 300_000_000)]
    public void Durations_parse_exactly_into_microseconds(string text, long us)
    {
        Assert.That(Units.TryParseDuration(text, out Duration d, out string? err), Is.True, err);
        Assert.That(d.Microseconds, Is.EqualTo(us));
    }

    [TestCase("15 sec")]
    [TestCase("15")]
    [TestCase("1.5")]
    [TestCase("s")]
    [TestCase("-1s")]
    [TestCase("1.s")]
    [TestCase("1,5s")]
    [TestCase("0.0000001s")]
    [TestCase("1e3ms")]
    [TestCase("99999999999999h")]
    public void Bad_durations_are_rejected_with_a_reason(string text)
    {
        Assert.That(Units.TryParseDuration(text, out _, out string? err), Is.False);
        Assert.That(err, Does.Contain(text));
    }

    [FsProperty]
    public bool Any_whole_number_of_microseconds_round_trips_through_every_unit(uint n)
    {
        long us = n;
        return Parse(us + "us") == us
            && Parse(Duration.FormatSeconds(us)) == us
            && Parse(us * 1000 + "ms") == us * 1_000_000;
    }

    private static long Parse(string s) => Units.TryParseDuration(s, out Duration d, out _) ? d.Microseconds : -1;

    [TestCase("30%", 300_000)]
    [TestCase("0%", 0)]
    [TestCase("100%", 1_000_000)]
    [TestCase("0.5%", 5_000)]
    [TestCase("12.3456%", 123_456)]
    public void Rates_parse_into_parts_per_million(string text, int ppm)
    {
        Assert.That(Units.TryParseRate(text, out Rate r, out string? err), Is.True, err);
        Assert.That(r.PartsPerMillion, Is.EqualTo(ppm));
        Assert.That(r.ToString(), Is.EqualTo(text));
    }

    [TestCase("30")]
    [TestCase("101%")]
    [TestCase("0.00001%")]
    [TestCase("x%")]
    public void Bad_rates_are_rejected(string text) =>
        Assert.That(Units.TryParseRate(text, out _, out _), Is.False);

    [TestCase("1.02", 102, 100)]
    [TestCase("1", 1, 1)]
    [TestCase("0.5", 5, 10)]
    public void Clock_rates_are_exact_fractions(string text, long num, long den)
    {
        Assert.That(Units.TryParseClockRate(text, out ClockRate r, out _), Is.True);
        Assert.That(r, Is.EqualTo(new ClockRate(num, den)));
        Assert.That(r.ToString(), Is.EqualTo(text));
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("fast")]
    public void Bad_clock_rates_are_rejected(string text) =>
        Assert.That(Units.TryParseClockRate(text, out _, out _), Is.False);
}
