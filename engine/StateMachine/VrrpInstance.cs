using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.StateMachine;

/// <summary>One <c>vrrp_instance</c> inside a <see cref="VrrpRouter"/>. Read-only to drivers.</summary>
public sealed partial class VrrpInstance
{
    internal VrrpInstance(VrrpInstanceConfig config) => Config = config;

    /// <summary>The configuration.</summary>
    public VrrpInstanceConfig Config { get; }

    /// <summary>Instance name.</summary>
    public string Name => Config.Name;

    /// <summary>Current state.</summary>
    public VrrpState State { get; }

    /// <summary>Current priority after tracking (what adverts carry).</summary>
    public byte EffectivePriority { get; }

    /// <summary>The master's advert interval as learned (v3) or configured (v2).</summary>
    public Duration MasterAdvertInterval { get; }
}
