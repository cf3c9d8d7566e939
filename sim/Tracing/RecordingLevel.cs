namespace VrrpLab.Sim.Tracing;

/// <summary>
/// How much of a run the trace keeps. Expectations never depend on it: the simulator keeps the
/// history they need (states, VIPs, topology, client outages) at every level.
/// </summary>
public enum RecordingLevel
{
    /// <summary>No trace at all (benchmarks, property tests).</summary>
    None,

    /// <summary>Everything except per-packet events (advert_tx, advert_rx, packet_lost, log lines).</summary>
    Changes,

    /// <summary>Every event, including each advertisement sent and received.</summary>
    Full,
}
