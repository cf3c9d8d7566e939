using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VrrpLab.RealNet.Netlink;

/// <summary>
/// Builds the RTM_NEWADDR / RTM_DELADDR requests that <c>ip addr add|del ADDR/LEN dev IF label L</c>
/// sends: an ifaddrmsg with family, prefix length and ifindex, then IFA_LOCAL, IFA_ADDRESS and
/// (IPv4) IFA_LABEL. Requests ask for an acknowledgement (NLM_F_ACK) so errors come back as errno.
/// </summary>
internal static class AddressRequest
{
    /// <summary>
    /// Writes the request into a new buffer. <paramref name="add"/> selects RTM_NEWADDR with
    /// NLM_F_CREATE|NLM_F_EXCL (an address already there is EEXIST) or RTM_DELADDR.
    /// </summary>
    public static byte[] Build(bool add, uint sequence, int interfaceIndex, IPAddress address, int prefixLength, string? label)
    {
        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        int addrLen = v6 ? 16 : 4;
        byte[]? labelBytes = !v6 && label is not null ? Encoding.UTF8.GetBytes(label + "\0") : null;
        int length = RtNetlink.HeaderLength + 8
            + (2 * RtNetlink.Align(4 + addrLen))
            + (labelBytes is null ? 0 : RtNetlink.Align(4 + labelBytes.Length))
            + (v6 ? 8 : 0);
        byte[] buffer = new byte[length];
        Span<byte> s = buffer;
        ushort type = add ? RtNetlink.NewAddr : RtNetlink.DelAddr;
        ushort flags = (ushort)(RtNetlink.FlagRequest | RtNetlink.FlagAck | (add ? RtNetlink.FlagCreate | RtNetlink.FlagExcl : 0));
        WriteHeader(s, length, type, flags, sequence);

        Span<byte> ifa = s[RtNetlink.HeaderLength..];
        ifa[0] = (byte)(v6 ? 10 : 2);
        ifa[1] = checked((byte)prefixLength);
        ifa[2] = 0;
        ifa[3] = 0; // RT_SCOPE_UNIVERSE
        BinaryPrimitives.WriteInt32LittleEndian(ifa[4..], interfaceIndex);

        int offset = RtNetlink.HeaderLength + 8;
        Span<byte> addr = stackalloc byte[addrLen];
        address.TryWriteBytes(addr, out _);
        offset = WriteAttribute(s, offset, RtNetlink.IfaLocal, addr);
        offset = WriteAttribute(s, offset, RtNetlink.IfaAddress, addr);
        if (labelBytes is not null)
        {
            offset = WriteAttribute(s, offset, RtNetlink.IfaLabel, labelBytes);
        }

        if (v6)
        {
            Span<byte> f = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(f, RtNetlink.IfaFlagNoDad);
            offset = WriteAttribute(s, offset, RtNetlink.IfaFlags, f);
        }

        return offset == length ? buffer : throw new InvalidOperationException("netlink request length");
    }

    /// <summary>Writes an nlmsghdr (host byte order: little endian on the platforms we run on).</summary>
    public static void WriteHeader(Span<byte> s, int length, ushort type, ushort flags, uint sequence)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(s, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(s[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(s[6..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(s[8..], sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(s[12..], 0);
    }

    private static int WriteAttribute(Span<byte> s, int offset, ushort type, ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(s[offset..], (ushort)(4 + value.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(s[(offset + 2)..], type);
        value.CopyTo(s[(offset + 4)..]);
        return offset + RtNetlink.Align(4 + value.Length);
    }
}
