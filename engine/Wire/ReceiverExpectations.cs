using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.Wire;

/// <summary>
/// What the receiving instance's configuration requires of an advert: its version, v2
/// authentication and v2 advert interval (keepalived drops v2 adverts whose interval differs).
/// </summary>
public readonly record struct ReceiverExpectations(
    VrrpVersion Version,
    AuthType AuthType,
    string? AuthPassword,
    Duration AdvertInterval);
