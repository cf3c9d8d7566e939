using VrrpLab.Engine.Configuration;

namespace VrrpLab.Sim.Clusters;

/// <summary>One host of a cluster as given to <c>vrrplab check</c>: its keepalived.conf, read.</summary>
/// <param name="File">The file's path as given (it names the host in reports and in replay scenarios).</param>
/// <param name="Config">The configuration keepalived would run on that host.</param>
public sealed record ClusterHost(string File, RouterConfig Config);
