using System.Globalization;
using System.Text;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Tracing;

/// <summary>
/// Writes a trace as JSON Lines: one event a line, fields in a fixed order, numbers and strings
/// formatted invariantly by hand, so the same file and seed give byte-identical output everywhere.
/// </summary>
public static class TraceJsonl
{
    /// <summary>Writes every event of a typed log to <paramref name="w"/> ('\n' line ends).</summary>
    public static void Write(IEnumerable<RunEvent> events, TextWriter w) => Write(events.Select(e => e.ToTrace()), w);

    /// <summary>A typed log as one string.</summary>
    public static string ToText(IEnumerable<RunEvent> events) => ToText(events.Select(e => e.ToTrace()));

    /// <summary>Writes every event of <paramref name="events"/> to <paramref name="w"/> ('\n' line ends).</summary>
    public static void Write(IEnumerable<TraceEvent> events, TextWriter w)
    {
        var sb = new StringBuilder(256);
        foreach (TraceEvent e in events)
        {
            sb.Clear();
            Format(e, sb);
            sb.Append('\n');
            w.Write(sb);
        }
    }

    /// <summary>The trace as one string.</summary>
    public static string ToText(IEnumerable<TraceEvent> events)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        Write(events, w);
        return w.ToString();
    }

    /// <summary>One event as a JSON object.</summary>
    public static void Format(TraceEvent e, StringBuilder sb)
    {
        sb.Append("{\"t_us\":").Append(e.TimeUs.ToString(CultureInfo.InvariantCulture));
        Str(sb, "node", e.Node);
        Str(sb, "kind", TraceKinds.Name(e.Kind));
        Str(sb, "action", e.Action);
        Str(sb, "instance", e.Instance);
        Str(sb, "interface", e.Interface);
        Str(sb, "from", e.From);
        Str(sb, "to", e.To);
        Str(sb, "cause", e.Cause);
        Str(sb, "reason", e.Reason);
        Str(sb, "address", e.Address);
        Str(sb, "peer", e.Peer);
        Num(sb, "vrid", e.Vrid);
        Num(sb, "priority", e.Priority);
        Num(sb, "pkt", e.Packet);
        Num(sb, "count", e.Count);
        Str(sb, "detail", e.Detail);
        Str(sb, "timing", e.Timing);
        Num(sb, "lateness_us", e.LatenessUs);
        sb.Append('}');
    }

    private static void Num(StringBuilder sb, string name, long? value)
    {
        if (value is { } v)
        {
            sb.Append(",\"").Append(name).Append("\":").Append(v.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Str(StringBuilder sb, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        sb.Append(",\"").Append(name).Append("\":");
        JsonString(sb, value);
    }

    /// <summary>Appends <paramref name="s"/> as a JSON string literal (escaping quotes, backslashes and control characters).</summary>
    public static void JsonString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
