using System.Collections.Immutable;

namespace VrrpLab.Sim.Events;

/// <summary>Who could reach whom from <see cref="TimeUs"/> on: hosts up, carriers (per node, per interface), partition groups.</summary>
public sealed record TopologySnapshot(long TimeUs, ImmutableArray<bool> HostUp, ImmutableArray<ImmutableArray<bool>> LinkUp, ImmutableArray<int> Group);
