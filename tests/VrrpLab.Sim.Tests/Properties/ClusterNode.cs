namespace VrrpLab.Sim.Tests.Properties;

/// <summary>One generated host: <c>node{Index+1}</c> at 10.0.0.{11+Index}, one VRRP instance.</summary>
/// <param name="Index">Position in the cluster (0-based).</param>
/// <param name="Priority">Configured priority, 1..254.</param>
/// <param name="Nopreempt">Whether the instance has <c>nopreempt</c> (always with <c>state BACKUP</c>).</param>
public sealed record ClusterNode(int Index, int Priority, bool Nopreempt)
{
    /// <summary>Node name in the scenario.</summary>
    public string Name => "node" + (Index + 1);

    /// <summary>Last octet of its primary address (the MASTER tie-break compares these).</summary>
    public int AddressOctet => 11 + Index;

    /// <summary>Primary address.</summary>
    public string Address => "10.0.0." + AddressOctet;
}
