using System.Text;
using System.Text.Json;
using VrrpLab.Report.Model;
using VrrpLab.Report.Timeline;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Report.Html;

/// <summary>
/// Writes a figure's lanes as the compact JSON the page's script draws from (times in integer
/// microseconds; arrays rather than objects for the many small items). Written with
/// <see cref="Utf8JsonWriter"/> (no reflection), whose default encoder escapes <c>&lt;</c>,
/// <c>&gt;</c> and <c>&amp;</c>, so the text can stand inside a <c>&lt;script&gt;</c> element.
/// </summary>
internal static class FigureJson
{
    /// <summary>The JSON of <paramref name="f"/>.</summary>
    public static string Write(FigureLanes f)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream))
        {
            j.WriteStartObject();
            j.WriteNumber("end", f.EndUs);
            if (f.Figure.Compact)
            {
                j.WriteBoolean("compact", true);
            }

            j.WriteStringArray("runs", f.Figure.Runs.Select(r => r.Label));
            j.WriteArrayArray("markers", f.Markers, (j, m) =>
            {
                j.WriteNumberValue(m.AtUs);
                j.WriteStringValue(m.Label);
            });
            j.WriteStartArray("lanes");
            foreach (StateLane l in f.States)
            {
                WriteState(j, l, f);
            }

            foreach (VipLane l in f.Vips)
            {
                j.WriteStartObject();
                j.WriteString("k", "v");
                j.WriteNumber("r", l.Run);
                j.WriteString("ip", l.Address);
                Bars(j, "b", l.Holders, withDetail: false);
                j.WriteEndObject();
            }

            foreach (ClientLane l in f.Clients)
            {
                j.WriteStartObject();
                j.WriteString("k", "c");
                j.WriteNumber("r", l.Run);
                j.WriteString("c", l.Client);
                j.WriteString("ip", l.Address);
                Bars(j, "b", l.Reached, withDetail: false);
                Bars(j, "o", l.Outages, withDetail: false);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteObjectArray("checks", f.Checks, (j, check) =>
            {
                (int run, ReportCheck c) = check;
                j.WriteNumber("r", run);
                j.WriteString("name", c.Name);
                j.WriteBoolean("ok", c.Passed);
                j.WriteString("ev", c.Evidence);
                if (c.AtUs is { } t)
                {
                    j.WriteNumber("t", t);
                    if (c.UntilUs is { } t2 && t2 > t)
                    {
                        j.WriteNumber("t2", t2);
                    }
                }
            });
            j.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteState(Utf8JsonWriter j, StateLane l, FigureLanes f)
    {
        j.WriteStartObject();
        j.WriteString("k", "s");
        j.WriteNumber("r", l.Run);
        j.WriteString("n", l.Node);
        j.WriteString("i", l.Instance);
        if (l.Vrid is { } v)
        {
            j.WriteNumber("v", v);
        }

        Bars(j, "b", l.States, withDetail: true);
        if (l.Overlays.Count > 0)
        {
            Bars(j, "o", l.Overlays, withDetail: false);
        }

        if (l.Adverts.Count > 0 && !f.Figure.Compact)
        {
            j.WriteArrayArray("a", l.Adverts, (j, a) =>
            {
                j.WriteNumberValue(a.StartUs);
                j.WriteNumberValue(a.EndUs);
                j.WriteNumberValue(a.Count);
                j.WriteNumberValue(a.Priority);
                j.WriteNumberValue(a.Exact ? 1 : 0);
            });
        }

        if (l.Drops.Count > 0)
        {
            j.WriteArrayArray("d", l.Drops, (j, d) =>
            {
                j.WriteNumberValue(d.StartUs);
                j.WriteNumberValue(d.EndUs);
                j.WriteNumberValue(d.Count);
                j.WriteStringValue(d.Reason);
                if (d.Source is not null)
                {
                    j.WriteStringValue(d.Source);
                }
            });
        }

        if (f.Differences.TryGetValue(l, out List<TakeoverDifference>? diffs) && diffs.Any(d => d.DeltaUs is not null))
        {
            j.WriteArrayArray("df", diffs.Where(d => d.DeltaUs is not null), (j, d) =>
            {
                j.WriteNumberValue(d.ActualUs!.Value);
                j.WriteNumberValue(d.ReferenceUs!.Value);
                j.WriteNumberValue(d.Ordinal);
            });
        }

        j.WriteEndObject();
    }

    private static void Bars(Utf8JsonWriter j, string name, List<Bar> bars, bool withDetail) =>
        j.WriteArrayArray(name, bars, (j, b) =>
        {
            j.WriteNumberValue(b.StartUs);
            j.WriteNumberValue(b.EndUs);
            j.WriteStringValue(b.Text);
            if (withDetail && b.Detail is not null)
            {
                j.WriteStringValue(b.Detail);
            }
        });
}
