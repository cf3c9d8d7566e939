namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>One VRRP packet as tshark dissected it (the independent oracle for what we put on the wire).</summary>
/// <param name="Source">ip.src.</param>
/// <param name="Destination">ip.dst.</param>
/// <param name="Ttl">ip.ttl.</param>
/// <param name="EthernetSource">eth.src.</param>
/// <param name="Version">vrrp.version.</param>
/// <param name="VirtualRouterId">vrrp.virt_rtr_id.</param>
/// <param name="Priority">vrrp.prio.</param>
/// <param name="AddressCount">vrrp.addr_count.</param>
/// <param name="AdvertInterval">vrrp.adver_int (v2, seconds) or vrrp.short_adver_int (v3, centiseconds).</param>
/// <param name="Addresses">vrrp.ip_addr, comma separated.</param>
/// <param name="AuthType">vrrp.auth_type (v2).</param>
/// <param name="AuthString">vrrp.auth_string (v2 PASS).</param>
/// <param name="ChecksumStatus">vrrp.checksum.status as tshark prints it (1 = good, 0 = bad).</param>
public sealed record DecodedAdvert(
    string Source,
    string Destination,
    string Ttl,
    string EthernetSource,
    string Version,
    string VirtualRouterId,
    string Priority,
    string AddressCount,
    string AdvertInterval,
    string Addresses,
    string AuthType,
    string AuthString,
    string ChecksumStatus);
