using System.Net.Sockets;
using VrrpLab.Engine.Configuration;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Sockets;

/// <summary>
/// The classic BPF program attached to a VRRP raw socket (SO_ATTACH_FILTER): what the kernel can
/// decide alone is dropped before the datagram is queued, copied or seen by the daemon. For an
/// IPv4 raw socket the program sees the IP header at offset 0 (options included: <c>ldxb
/// 4*([0]&amp;0xf)</c> finds the VRRP message); for an IPv6 raw socket it sees the VRRP message itself.
/// </summary>
/// <remarks>
/// <para>Both policies drop a VRID no instance on the interface runs and a message shorter than the
/// 8-byte header: neither can ever touch a timer, not even in keepalived 2.2.7.</para>
/// <para><see cref="PacketPolicy.Hardened"/> also drops what the engine would drop without looking at
/// state: a version/type octet other than the instance's, a length other than the one the address
/// count announces (v3: a count of 0), and for IPv4 multicast a TTL other than 255. What remains
/// (authentication, interval, checksum, the IPv6 hop limit) the engine's screen judges in user space.</para>
/// <para><see cref="PacketPolicy.Keepalived"/> keeps the rest: keepalived restarts a MASTER's advert
/// timer for every such packet, so the engine must see it.</para>
/// </remarks>
internal static class VrrpSocketFilter
{
    // Classic BPF opcodes (linux/filter.h).
    private const ushort LdAbsB = 0x30;   // A = byte [k]
    private const ushort LdAbsH = 0x28;   // A = half [k]
    private const ushort LdIndB = 0x50;   // A = byte [x + k]
    private const ushort LdLen = 0x80;    // A = packet length
    private const ushort LdxMsh = 0xb1;   // X = 4 * ([k] & 0xf)
    private const ushort LdxMem = 0x61;   // X = M[k]
    private const ushort St = 0x02;       // M[k] = A
    private const ushort AndK = 0x54;
    private const ushort LshK = 0x64;
    private const ushort AddK = 0x04;
    private const ushort SubX = 0x1c;
    private const ushort JeqK = 0x15;
    private const ushort JgeK = 0x35;
    private const ushort JeqX = 0x1d;
    private const ushort RetK = 0x06;
    private const uint Accept = uint.MaxValue;
    private const uint Drop = 0;

    /// <summary>One instance's view for the filter: its VRRP version and VRID.</summary>
    public readonly record struct Target(VrrpVersion Version, byte VirtualRouterId);

    /// <summary>The program for a socket of <paramref name="family"/> whose interface runs <paramref name="targets"/>.</summary>
    public static Libc.SockFilter[] Build(AddressFamily family, PacketPolicy policy, IReadOnlyList<Target> targets)
    {
        bool v4 = family == AddressFamily.InterNetwork;
        var p = new List<Libc.SockFilter>();
        if (policy == PacketPolicy.Keepalived)
        {
            // Length of the VRRP message >= 8, else drop.
            if (v4)
            {
                p.Add(I(LdxMsh, 0));
                p.Add(I(LdAbsH, 2));
                p.Add(I(SubX, 0));
            }
            else
            {
                p.Add(I(LdLen, 0));
            }

            p.Add(J(JgeK, 8, 1, 0));
            p.Add(I(RetK, Drop));
            p.Add(v4 ? I(LdIndB, 1) : I(LdAbsB, 1));
            foreach (byte vrid in targets.Select(t => t.VirtualRouterId).Distinct())
            {
                p.Add(J(JeqK, vrid, 0, 1));
                p.Add(I(RetK, Accept));
            }

            p.Add(I(RetK, Drop));
            return [.. p];
        }

        if (v4)
        {
            // Multicast destination (224.0.0.0/4) -> TTL must be 255 (RFC 3768 section 7.1).
            p.Add(I(LdAbsB, 16));
            p.Add(I(AndK, 0xF0));
            p.Add(J(JeqK, 0xE0, 0, 3));
            p.Add(I(LdAbsB, 8));
            p.Add(J(JeqK, 255, 1, 0));
            p.Add(I(RetK, Drop));
        }

        foreach (Target t in targets)
        {
            // One block per instance; every failed check jumps to the next block.
            bool v2 = t.Version == VrrpVersion.V2;
            var block = new List<(Libc.SockFilter Insn, Next Next)>();
            if (v4)
            {
                block.Add((I(LdxMsh, 0), Next.No));
            }

            block.Add((v4 ? I(LdIndB, 1) : I(LdAbsB, 1), Next.No));
            block.Add((I(JeqK, t.VirtualRouterId), Next.OnFalse));
            block.Add((v4 ? I(LdIndB, 0) : I(LdAbsB, 0), Next.No));
            block.Add((I(JeqK, v2 ? 0x21u : 0x31u), Next.OnFalse));
            block.Add((v4 ? I(LdIndB, 3) : I(LdAbsB, 3), Next.No));
            if (!v2)
            {
                block.Add((I(JeqK, 0), Next.OnTrue)); // RFC 9568: a v3 advert carries at least one address
            }

            // Expected message length: 8 + count x address size (+ 8 bytes of v2 authentication data).
            block.Add((I(LshK, v4 ? 2u : 4u), Next.No));
            block.Add((I(AddK, v2 ? 16u : 8u), Next.No));
            block.Add((I(St, 0), Next.No));
            if (v4)
            {
                block.Add((I(LdAbsH, 2), Next.No));
                block.Add((I(SubX, 0), Next.No));
            }
            else
            {
                block.Add((I(LdLen, 0), Next.No));
            }

            block.Add((I(LdxMem, 0), Next.No));
            block.Add((I(JeqX, 0), Next.OnFalse));
            block.Add((I(RetK, Accept), Next.No));

            for (int k = 0; k < block.Count; k++)
            {
                (Libc.SockFilter insn, Next next) = block[k];
                byte skip = checked((byte)(block.Count - k - 1));
                p.Add(next switch
                {
                    Next.OnFalse => insn with { JumpFalse = skip },
                    Next.OnTrue => insn with { JumpTrue = skip },
                    _ => insn,
                });
            }
        }

        p.Add(I(RetK, Drop));
        return [.. p];
    }

    private enum Next
    {
        No,
        OnFalse,
        OnTrue,
    }

    private static Libc.SockFilter I(ushort code, uint k) => new() { Code = code, K = k };

    private static Libc.SockFilter J(ushort code, uint k, byte jumpTrue, byte jumpFalse) =>
        new() { Code = code, K = k, JumpTrue = jumpTrue, JumpFalse = jumpFalse };

    /// <summary>Runs <paramref name="program"/> on <paramref name="packet"/> as the kernel would (for tests and docs).</summary>
    /// <returns>The number of bytes the kernel would keep (0: dropped).</returns>
    public static uint Run(IReadOnlyList<Libc.SockFilter> program, ReadOnlySpan<byte> packet)
    {
        uint a = 0, x = 0;
        Span<uint> m = stackalloc uint[16];
        for (int pc = 0; pc < program.Count; pc++)
        {
            Libc.SockFilter f = program[pc];
            switch (f.Code)
            {
                case LdAbsB:
                    if (f.K >= packet.Length) return 0;
                    a = packet[(int)f.K];
                    break;
                case LdAbsH:
                    if (f.K + 2 > packet.Length) return 0;
                    a = (uint)((packet[(int)f.K] << 8) | packet[(int)f.K + 1]);
                    break;
                case LdIndB:
                    if (x + f.K >= packet.Length) return 0;
                    a = packet[(int)(x + f.K)];
                    break;
                case LdLen:
                    a = (uint)packet.Length;
                    break;
                case LdxMsh:
                    if (f.K >= packet.Length) return 0;
                    x = (uint)(4 * (packet[(int)f.K] & 0xF));
                    break;
                case LdxMem:
                    x = m[(int)f.K];
                    break;
                case St:
                    m[(int)f.K] = a;
                    break;
                case AndK:
                    a &= f.K;
                    break;
                case LshK:
                    a <<= (int)f.K;
                    break;
                case AddK:
                    a += f.K;
                    break;
                case SubX:
                    a -= x;
                    break;
                case JeqK:
                    pc += a == f.K ? f.JumpTrue : f.JumpFalse;
                    break;
                case JgeK:
                    pc += a >= f.K ? f.JumpTrue : f.JumpFalse;
                    break;
                case JeqX:
                    pc += a == x ? f.JumpTrue : f.JumpFalse;
                    break;
                case RetK:
                    return f.K;
                default:
                    throw new InvalidOperationException($"opcode 0x{f.Code:x} not modelled");
            }
        }

        return 0;
    }
}
