namespace VrrpLab.Sim.Tests.Properties;

/// <summary>Runs a <see cref="FaultCase"/> in the simulator, in process, and extracts a <see cref="RunHistory"/>.</summary>
public static class PropertyRun
{
    /// <summary>Runs the case with a full trace (the nopreempt invariant needs each advert received).</summary>
    public static RunHistory Execute(FaultCase c)
    {
        SimulationResult result = new Simulator(c.ToScenario(), new SimulationOptions { Recording = RecordingLevel.Full }).Run();
        return FromResult(result);
    }

    /// <summary>State changes from the history; receptions from the trace, priority from the matching transmission.</summary>
    public static RunHistory FromResult(SimulationResult result)
    {
        var states = result.History.States.Select(s => new StateChange(s.TimeUs, s.Node, s.From, s.To)).ToList();
        var priorityOf = new Dictionary<long, int>();
        var dropped = new HashSet<(string Node, long Packet)>();
        foreach (TraceEvent e in result.Trace)
        {
            if (e.Kind == TraceKind.AdvertTx && e.Packet is { } tx && e.Priority is { } p)
            {
                priorityOf[tx] = p;
            }
            else if (e.Kind == TraceKind.AdvertDrop && e.Packet is { } dp)
            {
                dropped.Add((e.Node, dp));
            }
        }

        var receptions = result.Trace
            .Where(e => e.Kind == TraceKind.AdvertRx && e.Packet is not null)
            .Select(e => new Reception(e.TimeUs, e.Node, priorityOf.GetValueOrDefault(e.Packet!.Value, -1), !dropped.Contains((e.Node, e.Packet!.Value))))
            .ToList();
        return new RunHistory(result.EndUs, states, receptions);
    }
}
