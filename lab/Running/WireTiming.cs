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
