namespace VrrpLab.RealNet.Tests.Fixtures;

/// <summary>
/// One <c>vrrp_instance</c> for a namespace test, written as keepalived.conf text that both keepalived
/// and <c>vrrplab daemon</c> read, plus the timer values the tests expect from it (computed here from
/// the RFCs, independently of the engine).
/// </summary>
public sealed record VrrpInstanceSpec
{
    /// <summary>Instance name.</summary>
    public string Name { get; init; } = "VI_1";

    /// <summary>Interface inside the host namespace.</summary>
    public string Interface { get; init; } = "eth0";

    /// <summary><c>virtual_router_id</c>.</summary>
    public int VirtualRouterId { get; init; } = 51;

    /// <summary><c>priority</c>.</summary>
    public int Priority { get; init; } = 100;

    /// <summary><c>state</c>: MASTER or BACKUP.</summary>
    public string State { get; init; } = "BACKUP";

    /// <summary>VRRP version, 2 or 3.</summary>
    public int Version { get; init; } = 2;

    /// <summary><c>advert_int</c> in milliseconds (whole seconds for v2).</summary>
    public int AdvertIntervalMs { get; init; } = 1000;

    /// <summary><c>auth_type PASS</c> with this password (v2 only); null = no authentication block.</summary>
    public string? AuthPass { get; init; }

    /// <summary><c>nopreempt</c>.</summary>
    public bool Nopreempt { get; init; }

    /// <summary>The virtual address.</summary>
    public IPAddress VirtualAddress { get; init; } = IPAddress.Parse("10.77.0.100");

    /// <summary>Top-level blocks written before the instance (e.g. a <c>track_file</c> block); null = none.</summary>
    public string? Preamble { get; init; }

    /// <summary>Lines written inside the instance (e.g. <c>track_file { tf weight 0 }</c>); null = none.</summary>
    public string? InstanceLines { get; init; }

    /// <summary>The advert interval.</summary>
    public TimeSpan AdvertInterval => TimeSpan.FromMilliseconds(AdvertIntervalMs);

    /// <summary>
    /// Skew_Time: v2 (256 - priority) / 256 s (RFC 3768 section 6.1, not scaled by the interval);
    /// v3 (256 - priority) x interval / 256 (RFC 9568 section 6.1).
    /// </summary>
    public TimeSpan SkewTime => Version == 2
        ? TimeSpan.FromMicroseconds((256 - Priority) * 1_000_000L / 256)
        : TimeSpan.FromMicroseconds((256 - Priority) * AdvertIntervalMs * 1_000L / 256);

    /// <summary>Master_Down_Interval = 3 x interval + Skew_Time.</summary>
    public TimeSpan MasterDownInterval => (3 * AdvertInterval) + SkewTime;

    /// <summary>The keepalived.conf text of a host running only this instance.</summary>
    public string ToConfig(string routerId)
    {
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"global_defs {{\n    router_id {routerId}\n}}\n\n");
        if (Preamble is not null)
        {
            s.Append(Preamble).Append('\n');
        }

        s.Append(CultureInfo.InvariantCulture, $"vrrp_instance {Name} {{\n");
        s.Append(CultureInfo.InvariantCulture, $"    state {State}\n");
        s.Append(CultureInfo.InvariantCulture, $"    interface {Interface}\n");
        s.Append(CultureInfo.InvariantCulture, $"    virtual_router_id {VirtualRouterId}\n");
        s.Append(CultureInfo.InvariantCulture, $"    priority {Priority}\n");
        s.Append(CultureInfo.InvariantCulture, $"    version {Version}\n");
        s.Append(CultureInfo.InvariantCulture, $"    advert_int {(AdvertIntervalMs / 1000.0).ToString("0.##", CultureInfo.InvariantCulture)}\n");
        if (Nopreempt)
        {
            s.Append("    nopreempt\n");
        }

        if (AuthPass is not null)
        {
            s.Append(CultureInfo.InvariantCulture, $"    authentication {{\n        auth_type PASS\n        auth_pass {AuthPass}\n    }}\n");
        }

        if (InstanceLines is not null)
        {
            s.Append(InstanceLines).Append('\n');
        }

        s.Append(CultureInfo.InvariantCulture, $"    virtual_ipaddress {{\n        {VirtualAddress}/{NamespaceLan.PrefixLength}\n    }}\n");
        s.Append("}\n");
        return s.ToString();
    }
}
