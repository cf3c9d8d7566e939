namespace VrrpLab.Sim.Simulation;

/// <summary>What a queued simulator event does.</summary>
internal enum SimEventType : byte
{
    Action,
    Wake,
    PacketArrival,
    ScriptDone,
    PauseEnd,
    GarpArrival,
    ClientTimer,
    ProcessReady,
    ArpReply,
    FloodDatagram,
    FloodEnd,
    FloodQueued,
    ClientLearned,
    ResolveRetry,
}

/// <summary>One entry of the event queue; which fields mean what depends on <see cref="Type"/>.</summary>
internal readonly record struct SimEvent(SimEventType Type, int Node, int Iface, int Index, long Generation, object? Payload);

/// <summary>Orders events by (time, sequence): ties keep the order in which events were scheduled.</summary>
internal sealed class EventKeyComparer : IComparer<(long Time, long Seq)>
{
    public static readonly EventKeyComparer Instance = new();

    public int Compare((long Time, long Seq) x, (long Time, long Seq) y)
    {
        int c = x.Time.CompareTo(y.Time);
        return c != 0 ? c : x.Seq.CompareTo(y.Seq);
    }
}
