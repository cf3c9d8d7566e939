namespace VrrpLab.RealNet.Netlink;

/// <summary>An interface's state from rtnetlink.</summary>
/// <param name="Index">ifindex.</param>
/// <param name="Name">Interface name, when the message carried IFLA_IFNAME.</param>
/// <param name="Running">Administratively up with carrier (IFF_UP and IFF_RUNNING), as keepalived reads it.</param>
/// <param name="HardwareAddress">IFLA_ADDRESS (the MAC of an Ethernet interface), when the message carried it.</param>
internal sealed record LinkStatus(int Index, string? Name, bool Running, byte[]? HardwareAddress = null);
