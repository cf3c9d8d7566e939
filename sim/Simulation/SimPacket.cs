using System.Net;

namespace VrrpLab.Sim.Simulation;

/// <summary>
/// A VRRP packet on the simulated wire: IP source, destination and TTL as sent, and the encoded
/// VRRP message bytes, so the receiving engine validates exactly what it would on Linux.
/// </summary>
internal sealed record SimPacket(long Id, int FromNode, string Instance, IPAddress Source, IPAddress Destination, byte Ttl, byte[] Payload);
