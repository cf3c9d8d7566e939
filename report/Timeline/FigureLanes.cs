using VrrpLab.Report.Model;

namespace VrrpLab.Report.Timeline;

/// <summary>
/// A figure's lanes in drawing order: per node and instance, the lane of each run one above the
/// other; then each VIP's holders per run; then each client's view per run. Also the markers,
/// the takeover differences of later runs against the first, and the checks of every run.
/// </summary>
internal sealed class FigureLanes
{
    private FigureLanes(ReportFigure figure) => Figure = figure;

    /// <summary>The figure.</summary>
    public ReportFigure Figure { get; }

    /// <summary>The end of the longest run.</summary>
    public long EndUs { get; private set; }

    /// <summary>State lanes in drawing order.</summary>
    public List<StateLane> States { get; } = [];

    /// <summary>VIP lanes in drawing order.</summary>
    public List<VipLane> Vips { get; } = [];

    /// <summary>Client lanes in drawing order.</summary>
    public List<ClientLane> Clients { get; } = [];

    /// <summary>Markers in time order.</summary>
    public List<ReportMarker> Markers { get; } = [];

    /// <summary>MASTER entries of later runs against the first run, per lane of the later run.</summary>
    public Dictionary<StateLane, List<TakeoverDifference>> Differences { get; } = [];

    /// <summary>Every check with the index of its run.</summary>
    public List<(int Run, ReportCheck Check)> Checks { get; } = [];

    /// <summary>Builds the lanes of <paramref name="figure"/>.</summary>
    public static FigureLanes Build(ReportFigure figure)
    {
        var f = new FigureLanes(figure);
        int instances = figure.Nodes.Sum(n => n.Instances.Length) * Math.Max(1, figure.Runs.Length);
        int budget = RunLanes.AdvertBudgetPerLane(instances);
        RunLanes[] runs = [.. figure.Runs.Select((r, i) => RunLanes.Build(r, i, figure.Nodes, budget))];
        f.EndUs = Math.Max(1, figure.Runs.IsEmpty ? 1 : figure.Runs.Max(r => r.EndUs));

        foreach ((string node, string instance) in Keys(runs.SelectMany(r => r.States).Select(l => (l.Node, l.Instance)), NodeOrder(figure, runs)))
        {
            foreach (RunLanes r in runs)
            {
                if (r.States.Find(l => l.Node == node && l.Instance == instance) is { } lane)
                {
                    f.States.Add(lane);
                }
            }
        }

        foreach (string vip in Distinct(runs.SelectMany(r => r.Vips).Select(v => v.Address)))
        {
            f.Vips.AddRange(runs.Select(r => r.Vips.Find(v => v.Address == vip)).OfType<VipLane>());
        }

        foreach ((string client, string vip) in Distinct(runs.SelectMany(r => r.Clients).Select(c => (c.Client, c.Address))))
        {
            f.Clients.AddRange(runs.Select(r => r.Clients.Find(c => c.Client == client && c.Address == vip)).OfType<ClientLane>());
        }

        if (!figure.Markers.IsEmpty)
        {
            f.Markers.AddRange(figure.Markers.OrderBy(m => m.AtUs));
        }
        else
        {
            var seen = new HashSet<(long, string)>();
            foreach (ReportMarker m in runs.SelectMany(r => r.Actions).OrderBy(m => m.AtUs))
            {
                if (seen.Add((m.AtUs, m.Label)))
                {
                    f.Markers.Add(m);
                }
            }
        }

        for (int k = 1; k < runs.Length; k++)
        {
            foreach (StateLane later in runs[k].States)
            {
                if (runs[0].States.Find(l => l.Node == later.Node && l.Instance == later.Instance) is { } reference)
                {
                    List<TakeoverDifference> d = [.. TakeoverDifference.Between(reference, later)];
                    if (d.Count > 0)
                    {
                        f.Differences[later] = d;
                    }
                }
            }
        }

        for (int r = 0; r < figure.Runs.Length; r++)
        {
            f.Checks.AddRange(figure.Runs[r].Checks.Select(c => (r, c)));
        }

        return f;
    }

    private static List<string> NodeOrder(ReportFigure figure, RunLanes[] runs) =>
        Distinct(figure.Nodes.Select(n => n.Name).Concat(runs.SelectMany(r => r.States).Select(l => l.Node)));

    private static IEnumerable<(string Node, string Instance)> Keys(IEnumerable<(string Node, string Instance)> all, List<string> nodeOrder)
    {
        List<(string Node, string Instance)> keys = Distinct(all);
        // Group by node (in node order), instances in order of first appearance.
        return nodeOrder.SelectMany(n => keys.Where(k => k.Node == n));
    }

    private static List<T> Distinct<T>(IEnumerable<T> items)
    {
        var seen = new HashSet<T>();
        var list = new List<T>();
        foreach (T item in items)
        {
            if (seen.Add(item))
            {
                list.Add(item);
            }
        }

        return list;
    }
}
