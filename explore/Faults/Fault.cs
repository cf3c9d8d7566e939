using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Explore.Faults;

/// <summary>
/// One generated fault with a beginning and an end (integer microseconds of simulated time): the
/// schedule applies it at <see cref="AtUs"/> and undoes it at <see cref="EndUs"/> (node started
/// again, partition healed, loss and latency back to the segment's own, clock back to real time).
/// </summary>
/// <param name="AtUs">When the fault begins.</param>
/// <param name="ForUs">How long it lasts.</param>
public abstract record Fault(long AtUs, long ForUs)
{
    /// <summary>When the fault is undone.</summary>
    public long EndUs => AtUs + ForUs;

    /// <summary>The kind.</summary>
    public abstract FaultKind Kind { get; }

    /// <summary>What two faults must not share at the same time (e.g. <c>node:n1</c>, <c>partition</c>, <c>loss:lan</c>).</summary>
    public abstract string Resource { get; }

    /// <summary>The timeline action that begins the fault.</summary>
    public abstract TimelineAction Begin();

    /// <summary>The timeline action that undoes it (null when the action undoes itself, like <c>pause</c>).</summary>
    public abstract TimelineAction? Undo();

    /// <summary>This fault (of the same kind and parameters) with another start and length.</summary>
    public Fault Moved(long atUs, long forUs) => this with { AtUs = atUs, ForUs = forUs };

    /// <summary>Simpler variants of the fault's own parameters, for shrinking (none by default).</summary>
    public virtual IEnumerable<Fault> Simpler() => [];
}
