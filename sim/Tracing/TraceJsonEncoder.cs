using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace VrrpLab.Sim.Tracing;

/// <summary>
/// The string escaping of the trace formats (<see cref="TraceJsonl"/>, <see cref="PerfettoWriter"/>)
/// for <see cref="System.Text.Json.Utf8JsonWriter"/>: only what JSON requires is escaped, exactly as
/// the traces have always been written, so every checked-in trace stays byte for byte the same.
/// </summary>
/// <remarks>
/// Escaped: <c>"</c> and <c>\</c> as <c>\"</c> and <c>\\</c>; LF, CR and TAB as <c>\n</c>, <c>\r</c>,
/// <c>\t</c>; every other control character below U+0020 as <c>\u00xx</c> in lowercase hex (so
/// U+0008 is <c>\u0008</c>, not <c>\b</c>). Everything else, non-ASCII and characters outside the
/// Basic Multilingual Plane included, is written as itself in UTF-8 (the built-in encoders escape
/// non-BMP and unassigned characters, use uppercase hex and <c>\b</c>/<c>\f</c>). A lone surrogate
/// becomes U+FFFD, as a UTF-8 <see cref="TextWriter"/> writes it.
/// </remarks>
public sealed class TraceJsonEncoder : JavaScriptEncoder
{
    // Printable ASCII but the quote and the backslash: what a trace string is made of almost always.
    private static readonly SearchValues<char> PlainAscii = SearchValues.Create(Enumerable.Range(0x20, 0x5F).Where(c => c is not ('"' or '\\')).Select(c => (char)c).ToArray());
    private static readonly SearchValues<byte> Utf8ToEscape = SearchValues.Create([.. Enumerable.Range(0, 0x20).Select(c => (byte)c), (byte)'"', (byte)'\\']);

    private TraceJsonEncoder()
    {
    }

    /// <summary>The one instance.</summary>
    public static TraceJsonEncoder Instance { get; } = new();

    /// <inheritdoc/>
    public override int MaxOutputCharactersPerInputCharacter => 6; // \u001f

    /// <inheritdoc/>
    public override bool WillEncode(int unicodeScalar) => unicodeScalar is '"' or '\\' or < 0x20;

    /// <inheritdoc/>
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        // One vectorised search for anything but plain ASCII; non-ASCII is then skipped unless it is a
        // surrogate, reported so that the encoder (not the UTF-8 transcoder, which throws) sees a lone
        // one (a valid pair is written unchanged).
        var s = new ReadOnlySpan<char>(text, textLength);
        int i = s.IndexOfAnyExcept(PlainAscii);
        while (i >= 0 && s[i] >= 0x80 && !char.IsSurrogate(s[i]))
        {
            int next = s[(i + 1)..].IndexOfAnyExcept(PlainAscii);
            i = next < 0 ? -1 : i + 1 + next;
        }

        return i;
    }

    /// <inheritdoc/>
    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text) => utf8Text.IndexOfAny(Utf8ToEscape);

    /// <inheritdoc/>
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var to = new Span<char>(buffer, bufferLength);
        ReadOnlySpan<char> escaped = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            < 0x20 => ['\\', 'u', '0', '0', (char)('0' + (unicodeScalar >> 4)), "0123456789abcdef"[unicodeScalar & 0xF]],
            _ => default,
        };
        if (escaped.IsEmpty)
        {
            Rune rune = Rune.TryCreate(unicodeScalar, out Rune r) ? r : Rune.ReplacementChar;
            return rune.TryEncodeToUtf16(to, out numberOfCharactersWritten);
        }

        numberOfCharactersWritten = escaped.Length;
        return escaped.TryCopyTo(to) || Fail(out numberOfCharactersWritten);
    }

    private static bool Fail(out int written)
    {
        written = 0;
        return false;
    }
}
