using System.Net;

namespace VrrpLab.RealNet.Netlink;

/// <summary>An address configured on an interface, from an RTM_NEWADDR dump (kernel order: primary first).</summary>
/// <param name="Index">ifindex.</param>
/// <param name="Address">The address (IFA_LOCAL for IPv4, IFA_ADDRESS for IPv6).</param>
/// <param name="PrefixLength">Its prefix length.</param>
internal sealed record InterfaceAddress(int Index, IPAddress Address, int PrefixLength);
