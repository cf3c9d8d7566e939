using System.Net;
using VrrpLab.Lab.Observing;

namespace VrrpLab.Lab.Running;

/// <summary>A line a daemon printed, stamped with the monotonic instant it was read.</summary>
public sealed record DaemonLine(string Node, int Start, long RawUs, string Text);

/// <summary>An event the lab itself caused or saw (an action applied, a process start or exit), on the monotonic axis.</summary>
public sealed record LabMark(long RawUs, string Node, string What, string? Detail = null, long? Number = null);

/// <summary>
/// Everything a run observed, as it arrived (thread safe): daemon lines, address and neighbour events,
/// ping replies, adverts on the wire, and the lab's own marks. Times are monotonic microseconds
/// (<see cref="Host.LabClock"/>); the tools' wall-clock stamps are converted on arrival.
/// </summary>
public sealed class LabObservations
{
    private readonly Lock _gate = new();

    /// <summary>Daemon output lines, in arrival order.</summary>
    public List<DaemonLine> DaemonLines { get; } = [];

    /// <summary>Address events per node: (monotonic µs, line).</summary>
    public List<(string Node, long RawUs, AddressLine Line)> Addresses { get; } = [];

    /// <summary>Neighbour events per segment client.</summary>
    public List<(string Segment, long RawUs, NeighbourLine Line)> Neighbours { get; } = [];

    /// <summary>Echo requests and replies per segment client and VIP (kernel stamps), in arrival order.</summary>
    public List<(string Segment, IPAddress Vip, long RawUs, bool Reply, int Sequence)> Echoes { get; } = [];

    /// <summary>Adverts seen on each segment's bridge.</summary>
    public List<(string Segment, long RawUs, WireAdvert Advert)> Adverts { get; } = [];

    /// <summary>Reports joining the VRRP group seen on each segment's bridge (a daemon opening its socket).</summary>
    public List<(string Segment, long RawUs, IPAddress Source)> Joins { get; } = [];

    /// <summary>Datagrams to the VRRP group sent by each segment's client (a flood's), kernel stamps.</summary>
    public List<(string Segment, long RawUs)> ClientPackets { get; } = [];

    /// <summary>Each run of a controllable <c>vrrp_script</c>: node, script, monotonic µs when it had its result (the script's own clock reading), exit status.</summary>
    public List<(string Node, string Script, long RawUs, int Status)> ScriptRuns { get; } = [];

    /// <summary>The lab's own marks (actions, process starts and exits).</summary>
    public List<LabMark> Marks { get; } = [];

    /// <summary>Other tools' output (tcpdump, flood), for the record.</summary>
    public List<string> ToolLines { get; } = [];

    /// <summary>Runs <paramref name="add"/> under the lock.</summary>
    public void Add(Action<LabObservations> add)
    {
        lock (_gate)
        {
            add(this);
        }
    }

    /// <summary>Runs <paramref name="read"/> under the lock.</summary>
    public T Read<T>(Func<LabObservations, T> read)
    {
        lock (_gate)
        {
            return read(this);
        }
    }
}
