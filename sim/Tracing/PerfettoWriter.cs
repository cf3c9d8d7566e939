using System.Globalization;
using System.Text.Json;
using VrrpLab.Sim.Events;

namespace VrrpLab.Sim.Tracing;

/// <summary>
/// Writes a trace as Chrome trace-event JSON (opens in Perfetto and chrome://tracing): one process
/// per node (plus <c>network</c> for actions and clients), one thread per VRRP instance carrying its
/// state slices, a <c>packets</c> thread with each advertisement sent or received, and flow arrows
/// from each <c>advert_tx</c> to its receptions. Timestamps are the simulated microseconds.
/// </summary>
public static class PerfettoWriter
{
    private const int PacketThread = 1000;
    private const int EventThread = 0;

    /// <summary>Writes a run's typed log (a run of <paramref name="nodes"/> ending at <paramref name="endUs"/>).</summary>
    public static void Write(IEnumerable<RunEvent> events, IReadOnlyList<string> nodes, long endUs, TextWriter w) =>
        Write([.. events.Select(e => e.ToTrace())], nodes, endUs, w);

    /// <summary>Writes <paramref name="events"/> (a run of <paramref name="nodes"/> ending at <paramref name="endUs"/>).</summary>
    public static void Write(IReadOnlyList<TraceEvent> events, IReadOnlyList<string> nodes, long endUs, TextWriter w)
    {
        var pids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < nodes.Count; i++)
        {
            pids[nodes[i]] = i + 1;
        }

        var tids = new Dictionary<(int Pid, string Instance), int>();
        var lines = new List<string>();

        int Pid(string node) => pids.TryGetValue(node, out int p) ? p : 0;
        int Tid(int pid, string instance)
        {
            if (!tids.TryGetValue((pid, instance), out int t))
            {
                t = tids.Count(k => k.Key.Pid == pid) + 1;
                tids[(pid, instance)] = t;
                lines.Add(Meta("thread_name", pid, t, instance));
            }

            return t;
        }

        lines.Add(Meta("process_name", 0, null, "network"));
        lines.Add(Meta("thread_name", 0, EventThread, "actions and clients"));
        foreach (string n in nodes)
        {
            int p = pids[n];
            lines.Add(Meta("process_name", p, null, n));
            lines.Add(Meta("process_sort_index", p, null, p.ToString(CultureInfo.InvariantCulture)));
            lines.Add(Meta("thread_name", p, EventThread, "events"));
            lines.Add(Meta("thread_name", p, PacketThread, "packets"));
        }

        // State slices: each state from its entry to the next change (or the end of the run).
        var open = new Dictionary<(int Pid, int Tid), (long T, string State)>();
        foreach (TraceEvent e in events)
        {
            int pid = Pid(e.Node);
            switch (e.Kind)
            {
                case TraceKind.State:
                {
                    int tid = Tid(pid, e.Instance ?? "?");
                    if (open.Remove((pid, tid), out (long T, string State) prev))
                    {
                        lines.Add(Slice(prev.State, "state", pid, tid, prev.T, e.TimeUs - prev.T, null));
                    }

                    open[(pid, tid)] = (e.TimeUs, e.To ?? "?");
                    break;
                }

                case TraceKind.AdvertTx:
                    lines.Add(Slice($"advert vrid {e.Vrid} prio {e.Priority}", "advert", pid, PacketThread, e.TimeUs, 1, e.Instance));
                    lines.Add(Flow("s", e.Packet ?? 0, pid, PacketThread, e.TimeUs));
                    break;
                case TraceKind.AdvertRx:
                    lines.Add(Slice("advert from " + e.Peer, "advert", pid, PacketThread, e.TimeUs, 1, e.Address));
                    lines.Add(Flow("f", e.Packet ?? 0, pid, PacketThread, e.TimeUs));
                    break;
                case TraceKind.Log:
                    break;
                default:
                    lines.Add(Instant(TraceKinds.Name(e.Kind), pid, e.TimeUs, Args(e)));
                    break;
            }
        }

        foreach (KeyValuePair<(int Pid, int Tid), (long T, string State)> o in open.OrderBy(o => o.Key.Pid).ThenBy(o => o.Key.Tid))
        {
            lines.Add(Slice(o.Value.State, "state", o.Key.Pid, o.Key.Tid, o.Value.T, Math.Max(1, endUs - o.Value.T), null));
        }

        w.Write("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
        for (int i = 0; i < lines.Count; i++)
        {
            w.Write(lines[i]);
            w.Write(i + 1 < lines.Count ? ",\n" : "\n");
        }

        w.Write("]}\n");
    }

    private static string N(long v) => v.ToString(CultureInfo.InvariantCulture);

    private static string J(string s) => "\"" + JsonEncodedText.Encode(s, TraceJsonEncoder.Instance).ToString() + "\"";

    private static string Meta(string name, int pid, int? tid, string value) =>
        name == "process_sort_index"
            ? $"{{\"name\":\"{name}\",\"ph\":\"M\",\"pid\":{pid},\"args\":{{\"sort_index\":{value}}}}}"
            : $"{{\"name\":\"{name}\",\"ph\":\"M\",\"pid\":{pid}{(tid is { } t ? ",\"tid\":" + N(t) : "")},\"args\":{{\"name\":{J(value)}}}}}";

    private static string Slice(string name, string cat, int pid, int tid, long ts, long dur, string? detail) =>
        $"{{\"name\":{J(name)},\"cat\":\"{cat}\",\"ph\":\"X\",\"pid\":{pid},\"tid\":{tid},\"ts\":{N(ts)},\"dur\":{N(dur)}{(detail is null ? "" : ",\"args\":{\"detail\":" + J(detail) + "}")}}}";

    private static string Flow(string ph, long id, int pid, int tid, long ts) =>
        $"{{\"name\":\"advert\",\"cat\":\"advert\",\"ph\":\"{ph}\",\"id\":{N(id)},\"pid\":{pid},\"tid\":{tid},\"ts\":{N(ts)}{(ph == "f" ? ",\"bp\":\"e\"" : "")}}}";

    private static string Instant(string name, int pid, long ts, string args) =>
        $"{{\"name\":{J(name)},\"ph\":\"i\",\"s\":\"t\",\"pid\":{pid},\"tid\":{EventThread},\"ts\":{N(ts)},\"args\":{args}}}";

    private static string Args(TraceEvent e) => TraceJsonl.ToJson(e);
}
