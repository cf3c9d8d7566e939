using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Tracing;

/// <summary>
/// Writes a trace as JSON Lines: one event a line, fields in a fixed order, with
/// <see cref="Utf8JsonWriter"/> (numbers invariant, strings escaped by <see cref="TraceJsonEncoder"/>),
/// so the same file and seed give byte-identical output everywhere.
/// </summary>
/// <remarks>
/// One writer writes the whole trace into one pooled buffer, handed on in chunks of about 16 KiB:
/// no allocation per event, and no flush or reset per event (the separator the writer puts between
/// root values is turned into the line end in place; see dotnet/runtime#82314 for why Reset per line is slow).
/// </remarks>
public static class TraceJsonl
{
    // A chunk is handed on once it holds this much (always whole events, so never half a character).
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
            Repeats none = default;
            WriteObject(json, e, ref none);
        }

        return Utf8.GetString(buffer.WrittenSpan);
    }

    private static void WriteChunks(IEnumerable<TraceEvent> events, ReadOnlySpanAction chunk)
    {
        using var lines = new LineWriter(chunk);
        if (events is IReadOnlyList<TraceEvent> list)
        {
            // One interface call per event rather than the enumerator's two (the simulator's trace is a list).
            for (int i = 0; i < list.Count; i++)
            {
                lines.Add(list[i]);
            }
        }
        else
        {
            foreach (TraceEvent e in events)
            {
                lines.Add(e);
            }
        }

        lines.Finish();
    }

    private static void WriteObject(Utf8JsonWriter json, TraceEvent e, ref Repeats seen)
    {
        json.WriteStartObject();
        json.WriteNumber(TimeUs, e.TimeUs);
        seen.Node.Write(json, Node, e.Node);
        json.WriteString(Kind, KindNames[(int)e.Kind]);
        seen.Action.Write(json, Action, e.Action);
        seen.Instance.Write(json, Instance, e.Instance);
        seen.Interface.Write(json, Interface, e.Interface);
        seen.From.Write(json, From, e.From);
        seen.To.Write(json, To, e.To);
        seen.Cause.Write(json, Cause, e.Cause);
        seen.Reason.Write(json, Reason, e.Reason);
        seen.Address.Write(json, Address, e.Address);
        seen.Peer.Write(json, Peer, e.Peer);
        Num(json, Vrid, e.Vrid);
        Num(json, Priority, e.Priority);
        Num(json, Packet, e.Packet);
        Num(json, Count, e.Count);
        Str(json, Detail, e.Detail);
        seen.Timing.Write(json, Timing, e.Timing);
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

    /// <summary>One <see cref="Repeat"/> per string field but the free-text detail.</summary>
    private struct Repeats
    {
        public Repeat Node, Action, Instance, Interface, From, To, Cause, Reason, Address, Peer, Timing;
    }

    /// <summary>
    /// A field's value kept pre-encoded: the first string object that comes twice in a row in the field
    /// (an instance or interface name, a node) is encoded once and from then on copied, found by one
    /// reference comparison. At most one encoding per field and trace, so no allocation per event;
    /// the bytes are the same as the writer's own escaping (<see cref="TraceJsonEncoder"/> either way).
    /// </summary>
    private struct Repeat
    {
        private string? _kept;
        private string? _last;
        private JsonEncodedText _encoded;

        public void Write(Utf8JsonWriter json, JsonEncodedText name, string? value)
        {
            if (value is null)
            {
                return;
            }

            if (ReferenceEquals(value, _kept))
            {
                json.WriteString(name, _encoded);
                return;
            }

            // A surrogate is left to the writer: JsonEncodedText throws on a lone one, the writer replaces it.
            if (_kept is null && ReferenceEquals(value, _last) && !value.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
            {
                _kept = value;
                _encoded = JsonEncodedText.Encode(value, TraceJsonEncoder.Instance);
                json.WriteString(name, _encoded);
                return;
            }

            _last = value;
            json.WriteString(name, value);
        }
    }

    /// <summary>
    /// One <see cref="Utf8JsonWriter"/> for a whole trace, writing into a pooled buffer that is handed
    /// on in chunks of about <see cref="ChunkBytes"/>.
    /// </summary>
    private sealed class LineWriter : IDisposable
    {
        private readonly ReadOnlySpanAction _chunk;
        private readonly LineBuffer _buffer = new(ChunkBytes + 1024);
        private readonly Utf8JsonWriter _json;
        private Repeats _seen;
        private bool _any;

        public LineWriter(ReadOnlySpanAction chunk)
        {
            _chunk = chunk;
            _json = new Utf8JsonWriter(_buffer, Options);
        }

        public void Add(TraceEvent e)
        {
            // Without validation the writer takes one root value after another and puts a comma before
            // every one but the first: that comma becomes the line end. So the writer is never flushed
            // or reset between events (both cost more than the rest of a typical line's overhead).
            int separator = _buffer.Count + _json.BytesPending;
            WriteObject(_json, e, ref _seen);
            if (_any)
            {
                _buffer.Replace(separator, (byte)',', (byte)'\n');
            }

            _any = true;
            if (_buffer.Count + _json.BytesPending >= ChunkBytes)
            {
                _json.Flush();
                _chunk(_buffer.Written);
                _buffer.Clear();
            }
        }

        public void Finish()
        {
            _json.Flush();
            if (_any)
            {
                _buffer.Append((byte)'\n');
            }

            if (_buffer.Count > 0)
            {
                _chunk(_buffer.Written);
                _buffer.Clear();
            }
        }

        public void Dispose()
        {
            _json.Dispose();
            _buffer.Dispose();
        }
    }

    /// <summary>
    /// The writer's output: a pooled array whose bytes stay where they were written (a bigger array
    /// keeps their offsets), so a separator can be replaced after the writer has moved on.
    /// </summary>
    private sealed class LineBuffer(int capacity) : IBufferWriter<byte>, IDisposable
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(capacity);

        public int Count { get; private set; }

        public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Count);

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _bytes.AsMemory(Count);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _bytes.AsSpan(Count);
        }

        public void Replace(int index, byte expected, byte with)
        {
            if (_bytes[index] != expected)
            {
                NotASeparator(_bytes[index], expected);
            }

            _bytes[index] = with;
        }

        public void Append(byte b)
        {
            Reserve(1);
            _bytes[Count++] = b;
        }

        public void Clear() => Count = 0;

        [DoesNotReturn]
        private static void NotASeparator(byte found, byte expected) =>
            throw new InvalidOperationException($"Utf8JsonWriter separated two root values with 0x{found:x2}, not 0x{expected:x2}");

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }

        private void Reserve(int sizeHint)
        {
            if (_bytes.Length - Count >= Math.Max(sizeHint, 1))
            {
                return;
            }

            byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, Count + Math.Max(sizeHint, 1)));
            Written.CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = bigger;
        }
    }
}
