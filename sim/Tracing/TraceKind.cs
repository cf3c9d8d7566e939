namespace VrrpLab.Sim.Tracing;

/// <summary>What a <see cref="TraceEvent"/> records; the JSONL <c>kind</c> is <see cref="TraceKinds.Name"/>.</summary>
public enum TraceKind
{
    /// <summary><c>action</c>: a timeline entry was applied (node <c>*</c> for network-wide ones).</summary>
    Action,

    /// <summary><c>state</c>: an instance changed state (<c>instance</c>, <c>from</c>, <c>to</c>, <c>cause</c>).</summary>
    State,

    /// <summary><c>advert_tx</c>: an advertisement left an interface (<c>pkt</c> links it to its receptions).</summary>
    AdvertTx,

    /// <summary><c>advert_rx</c>: an advertisement reached the keepalived process.</summary>
    AdvertRx,

    /// <summary><c>advert_drop</c>: the engine discarded a received advertisement (<c>reason</c>).</summary>
    AdvertDrop,

    /// <summary><c>packet_lost</c>: the network did not deliver a packet (<c>reason</c>: loss, partition, link_down, host_down, no_process).</summary>
    PacketLost,

    /// <summary><c>garp_tx</c>: gratuitous ARPs sent for a VIP (<c>count</c>).</summary>
    GarpTx,

    /// <summary><c>vip_add</c>: a virtual address was added to an interface.</summary>
    VipAdd,

    /// <summary><c>vip_del</c>: a virtual address was removed (or vanished with its host).</summary>
    VipDel,

    /// <summary><c>script</c>: a tracked script ran (<c>detail</c> = its result) or changed state after rise/fall.</summary>
    Script,

    /// <summary><c>priority</c>: an instance's effective priority changed.</summary>
    Priority,

    /// <summary><c>notify</c>: a notify script would run.</summary>
    Notify,

    /// <summary><c>log</c>: a keepalived-style log line.</summary>
    Log,

    /// <summary><c>client_arp</c>: the segment client's ARP cache entry for a VIP changed (or it sent a request).</summary>
    ClientArp,

    /// <summary><c>reach</c>: the segment client gained or lost the VIP.</summary>
    Reach,

    /// <summary><c>host</c>: a host powered on or off.</summary>
    Host,

    /// <summary><c>link</c>: an interface's carrier changed.</summary>
    Link,

    /// <summary><c>process</c>: keepalived started, stopped, was killed, paused or resumed.</summary>
    Process,

    /// <summary>
    /// <c>flood_rx</c>: what a host did with a <c>flood</c> over the last second: datagrams read (<c>count</c>),
    /// drop reasons with counts (<c>reason</c>), advert timer restarts and losses (<c>detail</c>).
    /// </summary>
    FloodRx,

    /// <summary>
    /// <c>neigh</c>: a host's neighbour entry for its segment's client: it resolves the client (<c>who-has</c>)
    /// or learned it (<c>detail</c> says how; <c>peer</c> is the client).
    /// </summary>
    Neigh,
}

/// <summary>JSONL names of <see cref="TraceKind"/>.</summary>
public static class TraceKinds
{
    private static readonly string[] Names =
    [
        "action", "state", "advert_tx", "advert_rx", "advert_drop", "packet_lost", "garp_tx", "vip_add", "vip_del",
        "script", "priority", "notify", "log", "client_arp", "reach", "host", "link", "process", "flood_rx", "neigh",
    ];

    /// <summary>The JSONL name, e.g. <c>advert_tx</c>.</summary>
    public static string Name(TraceKind kind) => Names[(int)kind];
}
