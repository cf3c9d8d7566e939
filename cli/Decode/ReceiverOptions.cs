using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Cli.Decode;

/// <summary>
/// The receiving instance's configuration given on <c>vrrplab decode</c>'s command line
/// (<c>--version</c>, <c>--auth-pass</c> / <c>--no-auth</c>, <c>--advert-int</c>): "would my keepalived
/// accept this packet?". What is not given is taken from the packet itself, so it passes.
/// </summary>
/// <param name="Version">The receiver's VRRP version.</param>
/// <param name="AuthType">The receiver's v2 auth type.</param>
/// <param name="Password">The receiver's PASS password.</param>
/// <param name="AdvertInterval">The receiver's v2 advert_int.</param>
public sealed record ReceiverOptions(VrrpVersion? Version, AuthType? AuthType, string? Password, Duration? AdvertInterval)
{
    /// <summary>True when any receiver option was given.</summary>
    public bool Any => Version is not null || AuthType is not null || AdvertInterval is not null;

    /// <summary>The expectations for one packet, filling what was not given from <paramref name="packet"/>; null when no option was given.</summary>
    public ReceiverExpectations? For(AdvertisementInspection packet)
    {
        if (!Any)
        {
            return null;
        }

        VrrpVersion version = Version ?? (packet.Version == 3 ? VrrpVersion.V3 : VrrpVersion.V2);
        AuthType auth = AuthType ?? (Engine.Configuration.AuthType)(packet.AuthTypeField ?? 0);
        string? password = AuthType is null ? packet.AuthData : Password;
        Duration interval = AdvertInterval ?? packet.Interval ?? Duration.Zero;
        return new ReceiverExpectations(version, auth, password, interval);
    }
}
