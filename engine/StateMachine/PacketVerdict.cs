using VrrpLab.Engine.Wire;

namespace VrrpLab.Engine.StateMachine;

/// <summary>What <see cref="PacketScreen.Screen"/> decided about a received packet.</summary>
/// <param name="Reason"><see cref="AdvertDropReason.None"/> when the packet is a valid advert for an instance.</param>
/// <param name="Instance">Index (configuration order) of the instance the packet names on its interface, or -1.</param>
public readonly record struct PacketVerdict(AdvertDropReason Reason, int Instance)
{
    /// <summary>True when the packet passed every check the configuration decides.</summary>
    public bool IsValid => Reason == AdvertDropReason.None;

    /// <summary>True when an instance runs the packet's VRID on the receiving interface.</summary>
    public bool NamesInstance => Instance >= 0;
}
