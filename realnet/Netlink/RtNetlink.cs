namespace VrrpLab.RealNet.Netlink;

/// <summary>rtnetlink constants (linux/netlink.h, linux/rtnetlink.h, linux/if_addr.h, linux/if_link.h).</summary>
internal static class RtNetlink
{
    public const int HeaderLength = 16;
    public const ushort Error = 2;
    public const ushort Done = 3;
    public const ushort NewLink = 16;
    public const ushort DelLink = 17;
    public const ushort GetLink = 18;
    public const ushort NewAddr = 20;
    public const ushort DelAddr = 21;
    public const ushort GetAddr = 22;

    public const byte FamilyInet = 2;
    public const byte FamilyInet6 = 10;

    public const ushort FlagRequest = 0x1;
    public const ushort FlagMulti = 0x2;
    public const ushort FlagAck = 0x4;
    public const ushort FlagDump = 0x300;
    public const ushort FlagExcl = 0x200;
    public const ushort FlagCreate = 0x400;

    public const ushort IfaAddress = 1;
    public const ushort IfaLocal = 2;
    public const ushort IfaLabel = 3;
    public const ushort IfaFlags = 8;

    /// <summary>IFA_F_NODAD: keepalived adds IPv6 VIPs without duplicate address detection.</summary>
    public const uint IfaFlagNoDad = 0x02;

    public const ushort IflaAddress = 1;
    public const ushort IflaIfName = 3;

    public const uint IffUp = 0x1;
    public const uint IffRunning = 0x40;

    /// <summary>RTNLGRP_LINK multicast group.</summary>
    public const int GroupLink = 1;

    /// <summary>Rounds up to the 4-byte netlink alignment.</summary>
    public static int Align(int length) => (length + 3) & ~3;
}
