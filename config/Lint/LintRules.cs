namespace VrrpLab.Config.Lint;

/// <summary>The rule catalogue of <c>vrrplab check</c>: id and one-line title.</summary>
public static class LintRules
{
    /// <summary>keepalived's own message for a line: a warning makes keepalived -t fail here; a notice is only logged.</summary>
    public const string KeepalivedMessage = "VL000";

    /// <summary><c>nopreempt</c> with <c>state MASTER</c> or priority 255: silently cleared.</summary>
    public const string NopreemptCleared = "VL001";

    /// <summary><c>preempt_delay</c> with <c>state MASTER</c> or priority 255: silently cleared.</summary>
    public const string PreemptDelayCleared = "VL002";

    /// <summary>Hosts share a VIP but use different VRIDs.</summary>
    public const string VridMismatch = "VL003";

    /// <summary><c>advert_int</c> differs between hosts of one VRID.</summary>
    public const string AdvertIntervalMismatch = "VL004";

    /// <summary>VRRP version differs between hosts of one VRID.</summary>
    public const string VersionMismatch = "VL005";

    /// <summary>Authentication type or password differs between hosts of one VRID.</summary>
    public const string AuthenticationMismatch = "VL006";

    /// <summary>Two hosts of one VRID have the same priority.</summary>
    public const string EqualPriorities = "VL007";

    /// <summary>The VIP lists of one VRID differ between hosts.</summary>
    public const string VipListMismatch = "VL008";

    /// <summary>More than one host of one VRID has priority 255.</summary>
    public const string TwoAddressOwners = "VL009";

    /// <summary>A weighted track_script can never move the VIP because every peer has nopreempt.</summary>
    public const string WeightBlockedByNopreempt = "VL010";

    /// <summary>A weighted track_script's weight is too small to drop below any peer.</summary>
    public const string WeightTooSmall = "VL011";

    /// <summary>The check script stops keepalived.</summary>
    public const string ScriptStopsKeepalived = "VL012";

    /// <summary><c>auth_pass</c> longer than 8 characters (truncated).</summary>
    public const string AuthPassTooLong = "VL013";

    /// <summary>Unicast peers that do not list each other.</summary>
    public const string UnicastPeersMismatch = "VL014";

    /// <summary>One host uses unicast and another multicast for the same VRID.</summary>
    public const string UnicastMulticastMix = "VL015";

    /// <summary>An instance has no peer with the same VRID in the other files.</summary>
    public const string NoPeer = "VL016";

    /// <summary>A valid keepalived keyword or option VrrpLab does not model (skipped; not simulated).</summary>
    public const string NotModelled = "VL017";

    /// <summary>keepalived accepts the line silently but not as written (words of an unquoted script command dropped, ...).</summary>
    public const string AcceptedNotAsWritten = "VL018";

    /// <summary>Every rule: id and title, for <c>--help</c> and documentation.</summary>
    public static readonly IReadOnlyList<(string Id, string Title)> All =
    [
        (KeepalivedMessage, "keepalived's own message: a warning makes keepalived -t fail here, a notice is only logged"),
        (NopreemptCleared, "nopreempt with state MASTER or priority 255 is silently cleared"),
        (PreemptDelayCleared, "preempt_delay with state MASTER or priority 255 is silently cleared"),
        (VridMismatch, "hosts sharing a VIP use different virtual_router_id"),
        (AdvertIntervalMismatch, "advert_int differs between hosts of one VRID"),
        (VersionMismatch, "VRRP version differs between hosts of one VRID"),
        (AuthenticationMismatch, "authentication differs between hosts of one VRID"),
        (EqualPriorities, "equal priorities between hosts of one VRID"),
        (VipListMismatch, "virtual_ipaddress lists differ between hosts of one VRID"),
        (TwoAddressOwners, "more than one host with priority 255"),
        (WeightBlockedByNopreempt, "weighted track_script can never move the VIP (every peer has nopreempt)"),
        (WeightTooSmall, "track_script weight too small to move the VIP"),
        (ScriptStopsKeepalived, "check script stops keepalived"),
        (AuthPassTooLong, "auth_pass longer than 8 characters"),
        (UnicastPeersMismatch, "unicast peers do not list each other"),
        (UnicastMulticastMix, "unicast on one host, multicast on another"),
        (NoPeer, "instance has no peer with its VRID in the other files"),
        (NotModelled, "keepalived accepts it, VrrpLab does not model it (LVS virtual_server: not checked)"),
        (AcceptedNotAsWritten, "keepalived accepts the line silently but not as written (unquoted script arguments dropped, ...)"),
    ];
}
