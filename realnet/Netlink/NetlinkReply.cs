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
        var messages = new Messages(datagram);
        while (messages.Next(out ushort type, out uint seq, out ReadOnlySpan<byte> payload))
        {
            if (type == RtNetlink.Error && seq == sequence && payload.Length >= 4)
            {
                errno = -BinaryPrimitives.ReadInt32LittleEndian(payload);
                return true;
            }
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
        var messages = new Messages(datagram);
        while (messages.Next(out ushort type, out _, out ReadOnlySpan<byte> info))
        {
            if (type == RtNetlink.NewAddr && info.Length >= 8)
            {
                byte family = info[0];
                int prefix = info[1];
                int index = BinaryPrimitives.ReadInt32LittleEndian(info[4..]);
                int size = family == RtNetlink.FamilyInet ? 4 : family == RtNetlink.FamilyInet6 ? 16 : 0;
                ushort wanted = family == RtNetlink.FamilyInet ? RtNetlink.IfaLocal : RtNetlink.IfaAddress;
                var attributes = new Attributes(info[8..]);
                while (size > 0 && attributes.Next(out ushort atype, out ReadOnlySpan<byte> value))
                {
                    if (atype == wanted && value.Length == size)
                    {
                        addresses.Add(new InterfaceAddress(index, new System.Net.IPAddress(value), prefix));
                        break;
                    }
                }
            }
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
        var messages = new Messages(datagram);
        while (messages.Next(out ushort type, out _, out ReadOnlySpan<byte> info))
        {
            if ((type == RtNetlink.NewLink || type == RtNetlink.DelLink) && info.Length >= 16)
            {
                int index = BinaryPrimitives.ReadInt32LittleEndian(info[4..]);
                uint flags = BinaryPrimitives.ReadUInt32LittleEndian(info[8..]);
                string? name = null;
                byte[]? mac = null;
                var attributes = new Attributes(info[16..]);
                while (attributes.Next(out ushort atype, out ReadOnlySpan<byte> value))
                {
                    if (atype == RtNetlink.IflaIfName)
                    {
                        int nul = value.IndexOf((byte)0);
                        name = System.Text.Encoding.UTF8.GetString(nul >= 0 ? value[..nul] : value);
                    }
                    else if (atype == RtNetlink.IflaAddress)
                    {
                        mac = value.ToArray();
                    }
                }

                bool running = type == RtNetlink.NewLink
                    && (flags & (RtNetlink.IffUp | RtNetlink.IffRunning)) == (RtNetlink.IffUp | RtNetlink.IffRunning);
                links.Add(new LinkStatus(index, name, running, mac));
            }
        }

        return links;
    }

    /// <summary>The messages (nlmsghdr) of one datagram, in order; the walk ends at the first malformed one.</summary>
    private ref struct Messages(ReadOnlySpan<byte> datagram)
    {
        private readonly ReadOnlySpan<byte> _datagram = datagram;
        private int _offset;

        /// <summary>The next message's type, sequence number and payload (after the header, up to its length).</summary>
        public bool Next(out ushort type, out uint sequence, out ReadOnlySpan<byte> payload)
        {
            type = 0;
            sequence = 0;
            payload = default;
            if (_offset + RtNetlink.HeaderLength > _datagram.Length)
            {
                return false;
            }

            ReadOnlySpan<byte> m = _datagram[_offset..];
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(m);
            if (length < RtNetlink.HeaderLength || length > m.Length)
            {
                _offset = _datagram.Length;
                return false;
            }

            type = BinaryPrimitives.ReadUInt16LittleEndian(m[4..]);
            sequence = BinaryPrimitives.ReadUInt32LittleEndian(m[8..]);
            payload = m[RtNetlink.HeaderLength..length];
            _offset += RtNetlink.Align(length);
            return true;
        }
    }

    /// <summary>The attributes (rtattr) of one message's payload, in order; the walk ends at the first malformed one.</summary>
    private ref struct Attributes(ReadOnlySpan<byte> attributes)
    {
        private readonly ReadOnlySpan<byte> _attributes = attributes;
        private int _offset;

        /// <summary>The next attribute's type and value.</summary>
        public bool Next(out ushort type, out ReadOnlySpan<byte> value)
        {
            type = 0;
            value = default;
            if (_offset + 4 > _attributes.Length)
            {
                return false;
            }

            int length = BinaryPrimitives.ReadUInt16LittleEndian(_attributes[_offset..]);
            if (length < 4 || _offset + length > _attributes.Length)
            {
                _offset = _attributes.Length;
                return false;
            }

            type = BinaryPrimitives.ReadUInt16LittleEndian(_attributes[(_offset + 2)..]);
            value = _attributes[(_offset + 4)..(_offset + length)];
            _offset += RtNetlink.Align(length);
            return true;
        }
    }
}
