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

    /// <summary>A tracked process's fork_delay or terminate_delay may have expired (Index: the block).</summary>
    ProcessDelay,
}

/// <summary>One entry of the event queue; which fields mean what depends on <see cref="Type"/>.</summary>
internal readonly record struct SimEvent(SimEventType Type, int Node, int Iface, int Index, long Generation, object? Payload);
