using System.Net;

namespace VrrpLab.RealNet.Daemon;

/// <summary>An interface of this host the daemon uses, as found at startup.</summary>
/// <param name="Name">Interface name.</param>
/// <param name="Index">ifindex.</param>
/// <param name="IPv4">Primary IPv4 address (not one of our VIPs), if any.</param>
/// <param name="IPv6LinkLocal">IPv6 link-local address, if any.</param>
/// <param name="IsUp">Up with carrier.</param>
/// <param name="HardwareAddress">Its MAC (gratuitous ARPs and neighbour advertisements are sent from it), if any.</param>
internal sealed record HostInterface(string Name, int Index, IPAddress? IPv4, IPAddress? IPv6LinkLocal, bool IsUp, byte[]? HardwareAddress = null);
