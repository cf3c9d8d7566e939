using System.Buffers;
using System.Text;
using System.Text.Json;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Tracing;

/// <summary>
/// Writes a trace as JSON Lines: one event a line, fields in a fixed order, with
/// <see cref="Utf8JsonWriter"/> (numbers invariant, strings escaped by <see cref="TraceJsonEncoder"/>),
/// so the same file and seed give byte-identical output everywhere.
/// </summary>
public static class TraceJsonl
{
    // A chunk is handed on once it holds this much (always whole lines, so never half a character).
    private const int ChunkBytes = 16 * 1024;

    private static readonly JsonWriterOptions Options = new() { Encoder = TraceJsonEncoder.Instance, SkipValidation = true };
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly JsonEncodedText TimeUs = Name("t_us"), Node = Name("node"), Kind = Name("kind"), Action = Name("action"),
        Instance = Name("instance"), Interface = Name("interface"), From = Name("from"), To = Name("to"), Cause = Name("cause"),
        Reason = Name("reason"), Address = Name("address"), Peer = Name("peer"), Vrid = Name("vrid"), Priority = Name("priority"),
        Packet = Name("pkt"), Count = Name("count"), Detail = Name("detail"), Timing = Name("timing"), LatenessUs = Name("lateness_us");

    private static readonly JsonEncodedText[] KindNames = [.. Enum.GetValues<TraceKind>().Select(k => Name(TraceKinds.Name(k)))];

    /// <summary>Writes every event of a typed log to <paramref name="w"/> ('\n' line ends).</summary>
    public static void Write(IEnumerable<RunEvent> events, TextWriter w) => Write(events.Select(e => e.ToTrace()), w);

    /// <summary>A typed log as one string.</summary>
    public static string ToText(IEnumerable<RunEvent> events) => ToText(events.Select(e => e.ToTrace()));

    /// <summary>Writes every event of <paramref name="events"/> to <paramref name="w"/> ('\n' line ends).</summary>
    /// <remarks>
    /// A <see cref="StreamWriter"/> writing UTF-8 without a byte order mark (what <c>--trace</c> opens)
    /// is flushed and gets the bytes on its stream directly, rather than decoded to characters and
    /// encoded again.
    /// </remarks>
    public static void Write(IEnumerable<TraceEvent> events, TextWriter w)
    {
        if (w is StreamWriter { Encoding: UTF8Encoding utf8 } sw && utf8.Preamble.IsEmpty)
        {
            sw.Flush();
            Write(events, sw.BaseStream);
            return;
        }

        char[] chars = [];
        WriteChunks(events, chunk =>
        {
            int n = Utf8.GetMaxCharCount(chunk.Length);
            if (chars.Length < n)
            {
                chars = new char[n];
            }

            w.Write(chars, 0, Utf8.GetChars(chunk, chars));
        });
    }

    /// <summary>Writes every event of <paramref name="events"/> to <paramref name="utf8"/> as UTF-8 ('\n' line ends, no byte order mark).</summary>
    public static void Write(IEnumerable<TraceEvent> events, Stream utf8) => WriteChunks(events, utf8.Write);

    /// <summary>The trace as one string.</summary>
    public static string ToText(IEnumerable<TraceEvent> events)
    {
        var text = new StringBuilder();
        WriteChunks(events, chunk => text.Append(Utf8.GetString(chunk)));
        return text.ToString();
    }

    /// <summary>One event as a JSON object (no line end).</summary>
    public static string ToJson(TraceEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            WriteObject(json, e);
        }

        return Utf8.GetString(buffer.WrittenSpan);
    }

    private static void WriteChunks(IEnumerable<TraceEvent> events, ReadOnlySpanAction chunk)
    {
        var buffer = new ArrayBufferWriter<byte>(ChunkBytes + 1024);
        using var json = new Utf8JsonWriter(buffer, Options);
        foreach (TraceEvent e in events)
        {
            WriteObject(json, e);
            json.Flush();
            json.Reset();
            buffer.Write("\n"u8);
            if (buffer.WrittenCount >= ChunkBytes)
            {
                chunk(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        if (buffer.WrittenCount > 0)
        {
            chunk(buffer.WrittenSpan);
        }
    }

    private static void WriteObject(Utf8JsonWriter json, TraceEvent e)
    {
        json.WriteStartObject();
        json.WriteNumber(TimeUs, e.TimeUs);
        Str(json, Node, e.Node);
        json.WriteString(Kind, KindNames[(int)e.Kind]);
        Str(json, Action, e.Action);
        Str(json, Instance, e.Instance);
        Str(json, Interface, e.Interface);
        Str(json, From, e.From);
        Str(json, To, e.To);
        Str(json, Cause, e.Cause);
        Str(json, Reason, e.Reason);
        Str(json, Address, e.Address);
        Str(json, Peer, e.Peer);
        Num(json, Vrid, e.Vrid);
        Num(json, Priority, e.Priority);
        Num(json, Packet, e.Packet);
        Num(json, Count, e.Count);
        Str(json, Detail, e.Detail);
        Str(json, Timing, e.Timing);
        Num(json, LatenessUs, e.LatenessUs);
        json.WriteEndObject();
    }

    private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name, TraceJsonEncoder.Instance);

    private static void Num(Utf8JsonWriter json, JsonEncodedText name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    private static void Str(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private delegate void ReadOnlySpanAction(ReadOnlySpan<byte> chunk);
}
