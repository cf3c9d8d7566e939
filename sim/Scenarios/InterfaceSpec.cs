using System.Net;

namespace VrrpLab.Sim.Scenarios;

/// <summary>A host interface on a segment.</summary>
/// <param name="Name">Interface name, e.g. <c>eth0</c>; keepalived's <c>interface</c> refers to it.</param>
/// <param name="Segment">The segment it is plugged into.</param>
/// <param name="Address">Primary IPv4 address (the adverts' source and the MASTER tie-break).</param>
/// <param name="PrefixLength">Prefix length of <paramref name="Address"/>.</param>
/// <param name="LinkLocal">IPv6 link-local address (source of VRRPv3 IPv6 adverts), if any.</param>
public sealed record InterfaceSpec(string Name, string Segment, IPAddress Address, int PrefixLength, IPAddress? LinkLocal = null) : INamedSpec;
