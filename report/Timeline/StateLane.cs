namespace VrrpLab.Report.Timeline;

/// <summary>One VRRP instance of one node in one run: its states, its adverts, what it dropped, and
/// the node's pauses, power-offs and carrier losses drawn over it.</summary>
internal sealed class StateLane(int run, string node, string instance, int? vrid)
{
    /// <summary>Index of the run in its figure.</summary>
    public int Run { get; } = run;

    /// <summary>Node name.</summary>
    public string Node { get; } = node;

    /// <summary>Instance name.</summary>
    public string Instance { get; } = instance;

    /// <summary>VRID, when known.</summary>
    public int? Vrid { get; set; } = vrid;

    /// <summary>The instance's interface, when known.</summary>
    public string? Interface { get; set; }

    /// <summary>States in time order, without gaps from the first one to the end of the run.</summary>
    public List<Bar> States { get; } = [];

    /// <summary>Advertisements sent, as runs of ticks.</summary>
    public List<TickRun> Adverts { get; } = [];

    /// <summary>Adverts dropped or lost on the way to this instance.</summary>
    public List<DropMark> Drops { get; } = [];

    /// <summary>Intervals during which the node's process was paused, its host down or its carrier down (<c>Text</c> says which).</summary>
    public List<Bar> Overlays { get; } = [];

    /// <summary>The times this instance entered MASTER, in order.</summary>
    public IEnumerable<long> MasterEntries => States.Where(b => b.Text == "MASTER").Select(b => b.StartUs);
}
