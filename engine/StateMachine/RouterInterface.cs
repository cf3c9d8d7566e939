using System.Net;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// An interface of the host the router runs on, as the driver sees it: its name and primary
/// addresses (the source of adverts and the MASTER tie-break, RFC 3768 section 6.4.3).
/// </summary>
/// <param name="Name">Interface name, e.g. <c>eth0</c>.</param>
/// <param name="IPv4">Primary IPv4 address, if any.</param>
/// <param name="IPv6LinkLocal">IPv6 link-local address, if any (the source of v3 IPv6 adverts).</param>
/// <param name="IsUp">Carrier state at start.</param>
public sealed record RouterInterface(string Name, IPAddress? IPv4, IPAddress? IPv6LinkLocal = null, bool IsUp = true);
