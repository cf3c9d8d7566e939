using System.Buffers.Binary;

namespace VrrpLab.Cli.Decode;

/// <summary>
/// Reads capture files: classic libpcap (both byte orders, microsecond and nanosecond magic) and
/// pcapng (section header, interface description, enhanced and simple packet blocks; other blocks
/// are skipped). Malformed files raise <see cref="CaptureFormatException"/> naming the byte offset.
/// </summary>
public static class CaptureFile
{
    private const uint PcapMicros = 0xA1B2C3D4;
    private const uint PcapNanos = 0xA1B23C4D;
    private const uint PcapngSection = 0x0A0D0D0A;

    /// <summary>Every record of the capture in <paramref name="data"/>; <paramref name="name"/> is used in messages.</summary>
    public static IReadOnlyList<CapturedFrame> Read(byte[] data, string name)
    {
        if (data.Length < 4)
        {
            throw new CaptureFormatException($"{name}: not a pcap or pcapng file ({data.Length} bytes)");
        }

        uint magicLe = BinaryPrimitives.ReadUInt32LittleEndian(data);
        uint magicBe = BinaryPrimitives.ReadUInt32BigEndian(data);
        if (magicLe == PcapngSection)
        {
            return ReadPcapng(data, name);
        }

        if (magicLe is PcapMicros or PcapNanos)
        {
            return ReadPcap(data, name, bigEndian: false, nanos: magicLe == PcapNanos);
        }

        if (magicBe is PcapMicros or PcapNanos)
        {
            return ReadPcap(data, name, bigEndian: true, nanos: magicBe == PcapNanos);
        }

        throw new CaptureFormatException($"{name}: not a pcap or pcapng file (magic 0x{magicBe:x8})");
    }

    private static uint U32(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b);

    private static ushort U16(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    private static List<CapturedFrame> ReadPcap(byte[] data, string name, bool bigEndian, bool nanos)
    {
        if (data.Length < 24)
        {
            throw new CaptureFormatException($"{name}: pcap file header truncated ({data.Length} of 24 bytes)");
        }

        int linkType = (int)(U32(data.AsSpan(20), bigEndian) & 0x0FFFFFFF);
        var frames = new List<CapturedFrame>();
        int offset = 24;
        while (offset < data.Length)
        {
            if (data.Length - offset < 16)
            {
                throw new CaptureFormatException($"{name}: record {frames.Count + 1} header truncated at byte {offset}");
            }

            ReadOnlySpan<byte> h = data.AsSpan(offset, 16);
            long seconds = U32(h, bigEndian);
            long fraction = U32(h[4..], bigEndian);
            uint captured = U32(h[8..], bigEndian);
            uint original = U32(h[12..], bigEndian);
            if (captured > data.Length - offset - 16)
            {
                throw new CaptureFormatException($"{name}: record {frames.Count + 1} at byte {offset} claims {captured} bytes but only {data.Length - offset - 16} remain");
            }

            long micros = (seconds * 1_000_000) + (nanos ? fraction / 1_000 : fraction);
            frames.Add(new CapturedFrame(frames.Count + 1, micros, linkType, data.AsSpan(offset + 16, (int)captured).ToArray(), (int)Math.Min(original, int.MaxValue)));
            offset += 16 + (int)captured;
        }

        return frames;
    }

    private static List<CapturedFrame> ReadPcapng(byte[] data, string name)
    {
        var frames = new List<CapturedFrame>();
        var interfaces = new List<(int LinkType, long TicksPerSecond)>();
        bool bigEndian = false;
        int offset = 0;
        while (offset < data.Length)
        {
            if (data.Length - offset < 12)
            {
                throw new CaptureFormatException($"{name}: pcapng block truncated at byte {offset}");
            }

            uint type = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset));
            if (type == PcapngSection)
            {
                uint byteOrder = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(offset + 8));
                bigEndian = byteOrder switch
                {
                    0x1A2B3C4D => false,
                    0x4D3C2B1A => true,
                    _ => throw new CaptureFormatException($"{name}: pcapng section at byte {offset} has an unknown byte-order magic"),
                };
                interfaces.Clear();
            }
            else
            {
                type = U32(data.AsSpan(offset), bigEndian);
            }

            uint length = U32(data.AsSpan(offset + 4), bigEndian);
            if (length < 12 || length % 4 != 0 || length > data.Length - offset)
            {
                throw new CaptureFormatException($"{name}: pcapng block at byte {offset} has a bad length {length}");
            }

            ReadOnlySpan<byte> body = data.AsSpan(offset + 8, (int)length - 12);
            switch (type)
            {
                case 1 when body.Length >= 8:
                    interfaces.Add((U16(body, bigEndian), InterfaceTicks(body[8..], bigEndian)));
                    break;
                case 6 when body.Length >= 20:
                {
                    // Compared unsigned: an id of 2^31 or more must not become a negative index.
                    uint id = U32(body, bigEndian);
                    if (id >= (uint)interfaces.Count)
                    {
                        throw new CaptureFormatException($"{name}: packet block at byte {offset} names interface {id}, which is not described");
                    }

                    ulong ticks = ((ulong)U32(body[4..], bigEndian) << 32) | U32(body[8..], bigEndian);
                    uint captured = U32(body[12..], bigEndian);
                    uint original = U32(body[16..], bigEndian);
                    if (captured > body.Length - 20)
                    {
                        throw new CaptureFormatException($"{name}: packet block at byte {offset} claims {captured} bytes but holds {body.Length - 20}");
                    }

                    (int linkType, long perSecond) = interfaces[(int)id];
                    long micros = perSecond == 1_000_000 ? (long)ticks : (long)(ticks / (ulong)perSecond * 1_000_000) + (long)(ticks % (ulong)perSecond * 1_000_000 / (ulong)perSecond);
                    frames.Add(new CapturedFrame(frames.Count + 1, micros, linkType, body.Slice(20, (int)captured).ToArray(), (int)Math.Min(original, int.MaxValue)));
                    break;
                }

                case 3 when body.Length >= 4:
                {
                    if (interfaces.Count == 0)
                    {
                        throw new CaptureFormatException($"{name}: simple packet block at byte {offset} before any interface description");
                    }

                    uint original = U32(body, bigEndian);
                    int captured = (int)Math.Min(original, (uint)(body.Length - 4));
                    frames.Add(new CapturedFrame(frames.Count + 1, 0, interfaces[0].LinkType, body.Slice(4, captured).ToArray(), (int)Math.Min(original, int.MaxValue)));
                    break;
                }
            }

            offset += (int)length;
        }

        return frames;
    }

    /// <summary>The if_tsresol option of an interface description (default microseconds).</summary>
    private static long InterfaceTicks(ReadOnlySpan<byte> options, bool bigEndian)
    {
        while (options.Length >= 4)
        {
            ushort code = U16(options, bigEndian);
            ushort length = U16(options[2..], bigEndian);
            if (code == 0 || 4 + length > options.Length)
            {
                break;
            }

            if (code == 9 && length >= 1)
            {
                byte resolution = options[4];
                int exponent = resolution & 0x7F;
                if ((resolution & 0x80) == 0 && exponent <= 18)
                {
                    long ticks = 1;
                    for (int i = 0; i < exponent; i++)
                    {
                        ticks *= 10;
                    }

                    return ticks;
                }

                return exponent <= 62 ? 1L << exponent : 1_000_000;
            }

            options = options[Math.Min(options.Length, 4 + ((length + 3) & ~3))..];
        }

        return 1_000_000;
    }
}
