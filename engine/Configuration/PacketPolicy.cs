namespace VrrpLab.Engine.Configuration;

/// <summary>
/// What received packets may do to a router's timers. docs/packet-policy.md lists every difference.
/// </summary>
public enum PacketPolicy
{
    /// <summary>
    /// keepalived 2.2.7's behaviour (vrrp_scheduler.c, vrrp_dispatcher_read): every packet of at least
    /// the 8-byte header that names a MASTER's VRID restarts its advert timer, valid or not, unless
    /// <c>lower_prio_no_advert</c>; a MASTER answers every priority-0 or lower-priority advert at once and
    /// restarts its advert timer. A flood of invalid packets for the VRID silences the MASTER. What the
    /// simulator runs for keepalived nodes.
    /// </summary>
    Keepalived = 0,

    /// <summary>
    /// Only an advert that passes every check (length, TTL, version, authentication, interval, type,
    /// checksum, VRID, not our own address) can touch a timer or a state. A MASTER's advert timer is
    /// periodic from the moment it became MASTER: it advertises every interval whatever arrives. Its
    /// immediate answer to a priority-0 or lower-priority advert (and the gratuitous ARPs that go with a
    /// lower-priority one) is sent at most once per advert interval; the others are dropped as
    /// <see cref="Wire.AdvertDropReason.RateLimited"/>. <c>vrrplab daemon</c>'s default.
    /// </summary>
    Hardened,
}
