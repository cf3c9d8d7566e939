using System.Buffers.Binary;

namespace VrrpLab.RealNet.Netlink;

/// <summary>Reads netlink replies: acknowledgements (NLMSG_ERROR) and link notifications.</summary>
internal static class NetlinkReply
{
    /// <summary>
    /// Finds the acknowledgement for <paramref name="sequence"/> in <paramref name="datagram"/>.
    /// </summary>
    /// <param name="datagram">One recv() worth of netlink messages.</param>
    /// <param name="sequence">The request's sequence number.</param>
    /// <param name="errno">0 on success, else the positive errno the kernel returned.</param>
    /// <returns>True if the acknowledgement was found.</returns>
    public static bool TryFindAck(ReadOnlySpan<byte> datagram, uint sequence, out int errno)
    {
        errno = 0;
        int offset = 0;
        while (offset + RtNetlink.HeaderLength <= datagram.Length)
        {
            ReadOnlySpan<byte> m = datagram[offset..];
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(m);
            ushort type = BinaryPrimitives.ReadUInt16LittleEndian(m[4..]);
            uint seq = BinaryPrimitives.ReadUInt32LittleEndian(m[8..]);
            if (length < RtNetlink.HeaderLength || length > m.Length)
            {
                return false;
            }

            if (type == RtNetlink.Error && seq == sequence && length >= RtNetlink.HeaderLength + 4)
            {
                errno = -BinaryPrimitives.ReadInt32LittleEndian(m[RtNetlink.HeaderLength..]);
                return true;
            }

            offset += RtNetlink.Align(length);
        }

        return false;
    }

    /// <summary>
    /// Reads the RTM_NEWADDR messages of an address dump in <paramref name="datagram"/>: IPv4 by
    /// IFA_LOCAL (the interface's own address; IFA_ADDRESS is the peer on point-to-point links), IPv6 by
    /// IFA_ADDRESS.
    /// </summary>
    public static List<InterfaceAddress> ReadAddresses(ReadOnlySpan<byte> datagram)
    {
        var addresses = new List<InterfaceAddress>();
        int offset = 0;
        while (offset + RtNetlink.HeaderLength <= datagram.Length)
        {
            ReadOnlySpan<byte> m = datagram[offset..];
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(m);
            ushort type = BinaryPrimitives.ReadUInt16LittleEndian(m[4..]);
            if (length < RtNetlink.HeaderLength || length > m.Length)
            {
                break;
            }

            if (type == RtNetlink.NewAddr && length >= RtNetlink.HeaderLength + 8)
            {
                ReadOnlySpan<byte> info = m[RtNetlink.HeaderLength..length];
                byte family = info[0];
                int prefix = info[1];
                int index = BinaryPrimitives.ReadInt32LittleEndian(info[4..]);
                int size = family == RtNetlink.FamilyInet ? 4 : family == RtNetlink.FamilyInet6 ? 16 : 0;
                ushort wanted = family == RtNetlink.FamilyInet ? RtNetlink.IfaLocal : RtNetlink.IfaAddress;
                int a = 8;
                while (size > 0 && a + 4 <= info.Length)
                {
                    int alen = BinaryPrimitives.ReadUInt16LittleEndian(info[a..]);
                    ushort atype = BinaryPrimitives.ReadUInt16LittleEndian(info[(a + 2)..]);
                    if (alen < 4 || a + alen > info.Length)
                    {
                        break;
                    }

                    if (atype == wanted && alen == 4 + size)
                    {
                        addresses.Add(new InterfaceAddress(index, new System.Net.IPAddress(info[(a + 4)..(a + alen)]), prefix));
                        break;
                    }

                    a += RtNetlink.Align(alen);
                }
            }

            offset += RtNetlink.Align(length);
        }

        return addresses;
    }

    /// <summary>
    /// Reads the RTM_NEWLINK / RTM_DELLINK messages in <paramref name="datagram"/> (a link
    /// notification or a dump reply) as (ifindex, name, running) triples.
    /// </summary>
    public static List<LinkStatus> ReadLinks(ReadOnlySpan<byte> datagram)
    {
        var links = new List<LinkStatus>();
        int offset = 0;
        while (offset + RtNetlink.HeaderLength <= datagram.Length)
        {
            ReadOnlySpan<byte> m = datagram[offset..];
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(m);
            ushort type = BinaryPrimitives.ReadUInt16LittleEndian(m[4..]);
            if (length < RtNetlink.HeaderLength || length > m.Length)
            {
                break;
            }

            if ((type == RtNetlink.NewLink || type == RtNetlink.DelLink) && length >= RtNetlink.HeaderLength + 16)
            {
                ReadOnlySpan<byte> info = m[RtNetlink.HeaderLength..length];
                int index = BinaryPrimitives.ReadInt32LittleEndian(info[4..]);
                uint flags = BinaryPrimitives.ReadUInt32LittleEndian(info[8..]);
                string? name = null;
                byte[]? mac = null;
                int a = 16;
                while (a + 4 <= info.Length)
                {
                    int alen = BinaryPrimitives.ReadUInt16LittleEndian(info[a..]);
                    ushort atype = BinaryPrimitives.ReadUInt16LittleEndian(info[(a + 2)..]);
                    if (alen < 4 || a + alen > info.Length)
                    {
                        break;
                    }

                    if (atype == RtNetlink.IflaIfName)
                    {
                        ReadOnlySpan<byte> v = info[(a + 4)..(a + alen)];
                        int nul = v.IndexOf((byte)0);
                        name = System.Text.Encoding.UTF8.GetString(nul >= 0 ? v[..nul] : v);
                    }
                    else if (atype == RtNetlink.IflaAddress)
                    {
                        mac = info[(a + 4)..(a + alen)].ToArray();
                    }

                    a += RtNetlink.Align(alen);
                }

                bool running = type == RtNetlink.NewLink
                    && (flags & (RtNetlink.IffUp | RtNetlink.IffRunning)) == (RtNetlink.IffUp | RtNetlink.IffRunning);
                links.Add(new LinkStatus(index, name, running, mac));
            }

            offset += RtNetlink.Align(length);
        }

        return links;
    }
}
