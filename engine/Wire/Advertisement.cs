using System.Collections.Immutable;
using System.Net;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.Wire;

/// <summary>
/// A VRRP advertisement as carried on the wire (RFC 3768 section 5.3, RFC 9568 section 5.2).
/// </summary>
/// <param name="Version">2 or 3.</param>
/// <param name="VirtualRouterId">VRID, 1..255.</param>
/// <param name="Priority">0 = the master resigns, 255 = address owner.</param>
/// <param name="AdvertInterval">v2: whole seconds; v3: centiseconds (1..4095).</param>
/// <param name="Addresses">The virtual addresses (all of one family).</param>
/// <param name="AuthType">v2 authentication type; <see cref="AuthType.None"/> for v3.</param>
/// <param name="AuthData">v2 authentication data (8 bytes as a string, zero padding removed); empty for v3 or no auth.</param>
public sealed record Advertisement(
    VrrpVersion Version,
    byte VirtualRouterId,
    byte Priority,
    Duration AdvertInterval,
    ImmutableArray<IPAddress> Addresses,
    AuthType AuthType = AuthType.None,
    string AuthData = "")
{
    /// <summary>Priority 0: the sender stops being master (RFC 3768 section 6.4.3).</summary>
    public bool IsResignation => Priority == 0;
}
