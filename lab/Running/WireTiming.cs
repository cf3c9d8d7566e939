using System.Globalization;
using System.Net;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Checks;

namespace VrrpLab.Lab.Running;

/// <summary>What the bridge capture times besides adverts: a flood's first datagram, the link-local source of a node's reports.</summary>
public static class WireTiming
{
    /// <summary>How long after the generator's exec its first datagram may come and still time the flood.</summary>
    public const long FloodStartSlackUs = 5_000_000;

    /// <summary>
    /// A flood acts from its first datagram on the wire, not from the generator's exec (a process start,
    /// milliseconds to a second). Returns that datagram's scenario time and the lateness it gives the
    /// action (first datagram minus due), or null when the capture saw none from <paramref name="execUs"/>
    /// on (then the exec times it).
    /// </summary>
    /// <param name="dueUs">When the flood was due (scenario µs).</param>
    /// <param name="execUs">When the lab exec'd the generator (scenario µs).</param>
    /// <param name="packetsUs">The client's datagrams to the VRRP group on the flood's segment (scenario µs).</param>
    public static (long FirstUs, long LatenessUs, string Timing)? FloodStart(long dueUs, long execUs, IEnumerable<long> packetsUs)
    {
        ArgumentNullException.ThrowIfNull(packetsUs);
        long first = packetsUs.Where(p => p >= execUs && p <= execUs + FloodStartSlackUs).DefaultIfEmpty(long.MinValue).Min();
        if (first == long.MinValue)
        {
            return null;
        }

        return (first, first - dueUs, $"wire: first datagram at {Duration.FormatSeconds(first)}, {Judging.Milliseconds(first - execUs, plus: true)} after the generator's exec ({Judging.Milliseconds(execUs - dueUs, plus: true)} late)");
    }

    /// <summary>
    /// What the flood really was on the wire, from its first datagram: how many crossed the bridge, when
    /// the last did, and the largest gap between two. A generator starved of CPU on a loaded machine sends
    /// late (it catches up in batches, but not past its hard stop), so the flood can end seconds after
    /// <c>first + for</c>: the MASTER's timer restarts until the last datagram, which the replay must know.
    /// Null when none was captured from <paramref name="firstUs"/> on.
    /// </summary>
    /// <param name="firstUs">The flood's first datagram (scenario µs, <see cref="FloodStart"/>).</param>
    /// <param name="forUs">How long it was asked to last (µs).</param>
    /// <param name="packetsUs">The client's datagrams to the VRRP group on the flood's segment (scenario µs).</param>
    public static FloodShape? Shape(long firstUs, long forUs, IEnumerable<long> packetsUs)
    {
        ArgumentNullException.ThrowIfNull(packetsUs);
        long[] mine = [.. packetsUs.Where(p => p >= firstUs && p <= firstUs + forUs + FloodStartSlackUs).Order()];
        if (mine.Length == 0)
        {
            return null;
        }

        long gap = 0, gapAt = mine[0];
        for (int i = 1; i < mine.Length; i++)
        {
            if (mine[i] - mine[i - 1] > gap)
            {
                gap = mine[i] - mine[i - 1];
                gapAt = mine[i - 1];
            }
        }

        return new FloodShape(mine.Length, mine[0], mine[^1], gap, gapAt);
    }

    /// <summary>The IPv6 link-local address the kernel gives an interface with <paramref name="mac"/> (modified EUI-64, <c>addr_gen_mode</c> 0).</summary>
    public static IPAddress LinkLocalOf(string mac)
    {
        ArgumentNullException.ThrowIfNull(mac);
        byte[] m = [.. mac.Split(':').Select(h => byte.Parse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture))];
        if (m.Length != 6)
        {
            return IPAddress.IPv6None;
        }

        byte[] a = new byte[16];
        a[0] = 0xfe;
        a[1] = 0x80;
        a[8] = (byte)(m[0] ^ 0x02);
        a[9] = m[1];
        a[10] = m[2];
        a[11] = 0xff;
        a[12] = 0xfe;
        a[13] = m[3];
        a[14] = m[4];
        a[15] = m[5];
        return new IPAddress(a);
    }
}

/// <summary>A flood as the bridge capture saw it (scenario µs).</summary>
/// <param name="Count">Datagrams captured.</param>
/// <param name="FirstUs">The first.</param>
/// <param name="LastUs">The last.</param>
/// <param name="LargestGapUs">The largest gap between two consecutive datagrams.</param>
/// <param name="LargestGapFromUs">Where that gap starts.</param>
public sealed record FloodShape(int Count, long FirstUs, long LastUs, long LargestGapUs, long LargestGapFromUs)
{
    /// <summary>From the first datagram to the last.</summary>
    public long SpanUs => LastUs - FirstUs;

    /// <summary>One line for the report's notes.</summary>
    public string Describe(long forUs) =>
        $"{Count} datagrams on the wire from {Duration.FormatSeconds(FirstUs)} to {Duration.FormatSeconds(LastUs)} ({Judging.Milliseconds(SpanUs)}; asked {Judging.Milliseconds(forUs)}), largest gap {Judging.Milliseconds(LargestGapUs)} from {Duration.FormatSeconds(LargestGapFromUs)}";
}
