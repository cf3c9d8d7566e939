using System.Text.Json;

namespace VrrpLab.Sim.Tests.Events;

public class TraceJsonEncodingTests
{
    private static TraceEvent WithDetail(string detail) => new(1, "node1", TraceKind.Log) { Detail = detail };

    private static string Line(string detail) => TraceJsonl.ToText([WithDetail(detail)]);

    [Test]
    public void Only_quotes_backslashes_and_control_characters_are_escaped_as_the_traces_always_were()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Line("say \"hi\" \\ a/b <x>&'y'"), Is.EqualTo("""{"t_us":1,"node":"node1","kind":"log","detail":"say \"hi\" \\ a/b <x>&'y'"}""" + "\n"));
            Assert.That(Line("a\nb\rc\td"), Is.EqualTo("""{"t_us":1,"node":"node1","kind":"log","detail":"a\nb\rc\td"}""" + "\n"));
            Assert.That(Line("\b\f\u0000\u001f"), Is.EqualTo("""{"t_us":1,"node":"node1","kind":"log","detail":"\u0008\u000c\u0000\u001f"}""" + "\n"),
                "\\b and \\f as \\u escapes, lowercase hex");
            Assert.That(Line("é ✓ \U0001F600 \u0378 \u2028"), Is.EqualTo("{\"t_us\":1,\"node\":\"node1\",\"kind\":\"log\",\"detail\":\"é ✓ \U0001F600 \u0378 \u2028\"}\n"),
                "non-ASCII, non-BMP, unassigned and line separators are written as themselves");
        });
    }

    [Test]
    public void A_lone_surrogate_is_written_as_the_replacement_character_not_an_exception()
    {
        Assert.That(Line("x\uD800y"), Is.EqualTo("{\"t_us\":1,\"node\":\"node1\",\"kind\":\"log\",\"detail\":\"x\uFFFDy\"}\n"));
    }

    [Test]
    public void Every_line_is_valid_json_that_reads_back_to_the_same_strings()
    {
        string[] details = ["plain", "q\"b\\n\n\u0001", "é ✓ \U0001F600", ""];
        string text = TraceJsonl.ToText(details.Select(WithDetail));
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("detail").GetString()), Is.EqualTo(details));
    }

    [Test]
    public void The_stream_and_text_writer_forms_give_the_same_bytes_across_chunk_boundaries()
    {
        TraceEvent[] events = [.. Enumerable.Range(0, 2000).Select(i => WithDetail(i % 3 == 0 ? "é ✓ \U0001F600 " + i : "line " + i))];
        using var stream = new MemoryStream();
        TraceJsonl.Write(events, stream);
        using var text = new StringWriter();
        TraceJsonl.Write(events, text);
        Assert.That(stream.Length, Is.GreaterThan(32 * 1024), "several chunks");
        Assert.That(Encoding.UTF8.GetString(stream.ToArray()), Is.EqualTo(text.ToString()));
        Assert.That(text.ToString(), Is.EqualTo(TraceJsonl.ToText(events)));
    }

    [Test]
    public void An_event_longer_than_a_chunk_is_written_whole_between_its_neighbours()
    {
        string huge = string.Concat(Enumerable.Repeat("\"q\" é\n", 20_000));
        TraceEvent[] events = [WithDetail("before"), WithDetail(huge), WithDetail("after")];
        using var stream = new MemoryStream();
        TraceJsonl.Write(events, stream);
        string text = Encoding.UTF8.GetString(stream.ToArray());
        string[] lines = text.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(4), "three lines and the final line end");
            Assert.That(lines[3], Is.Empty);
            Assert.That(lines[..3].Select(l => JsonDocument.Parse(l).RootElement.GetProperty("detail").GetString()), Is.EqualTo(new[] { "before", huge, "after" }));
            Assert.That(text, Is.EqualTo(TraceJsonl.ToText(events)));
        });
    }

    [Test]
    public void A_value_repeated_by_reference_is_written_as_a_fresh_copy_of_it_would_be()
    {
        string kept = "V\"I\u0001_1", other = "VI_2", lone = "x\uD800y";
        string[] instances = [kept, kept, kept, other, other, kept, new string(kept.AsSpan()), other, lone, lone];
        TraceEvent[] events = [.. instances.Select((s, i) => new TraceEvent(i, i % 2 == 0 ? "n1" : "n2", TraceKind.State) { Instance = s, Interface = i < 3 ? lone : "eth0" })];
        string[] lines = TraceJsonl.ToText(events).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("instance").GetString()), Is.EqualTo(instances.Select(s => s.Replace('\uD800', '\uFFFD'))));
            Assert.That(lines, Is.EqualTo(events.Select(TraceJsonl.ToJson)), "the same bytes as each event written alone");
        });
    }

    [Test]
    public void No_events_write_nothing_and_one_event_one_line()
    {
        Assert.Multiple(() =>
        {
            Assert.That(TraceJsonl.ToText(Array.Empty<TraceEvent>()), Is.Empty);
            Assert.That(Line("x"), Is.EqualTo("{\"t_us\":1,\"node\":\"node1\",\"kind\":\"log\",\"detail\":\"x\"}\n"));
        });
    }

    [Test]
    public void Perfetto_names_are_escaped_by_the_same_rules()
    {
        using var w = new StringWriter();
        PerfettoWriter.Write([new TraceEvent(0, "n\"1\b", TraceKind.Host) { Detail = "down" }], ["n\"1\b"], 10, w);
        string json = w.ToString();
        Assert.That(json, Does.Contain("""{"name":"process_name","ph":"M","pid":1,"args":{"name":"n\"1\u0008"}}"""));
        Assert.That(JsonDocument.Parse(json).RootElement.GetProperty("traceEvents").GetArrayLength(), Is.GreaterThan(0));
    }
}
