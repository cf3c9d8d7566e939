using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Arp;

/// <summary>
/// Announces VIPs after a takeover: gratuitous ARPs (IPv4, through libpcap) or unsolicited
/// Neighbor Advertisements (IPv6, through a raw ICMPv6 socket with hop limit 255 as RFC 4861
/// requires of receivers).
/// </summary>
internal sealed class AddressAnnouncer : IGratuitousArpSender, IDisposable
{
    private readonly PcapGratuitousArpSender _arp;
    private readonly Dictionary<string, (int Fd, int Index, PhysicalAddress Mac)> _icmp = new(StringComparer.Ordinal);
    private readonly ManualResetEventSlim _arpReady = new(initialState: false);
    private string? _arpFailure;

    public AddressAnnouncer(PcapGratuitousArpSender arp) => _arp = arp;

    /// <summary>
    /// Opens libpcap for the IPv4 interfaces (the daemon calls it once its timers are armed); until it
    /// returns, an IPv4 announcement waits for it. Rethrows the startup error after recording it.
    /// </summary>
    /// <exception cref="DaemonStartupException">libpcap is missing or a device cannot be opened.</exception>
    public void OpenIpv4(IEnumerable<(string Name, byte[]? Mac)> interfaces)
    {
        try
        {
            _arp.Open(interfaces);
        }
        catch (DaemonStartupException e)
        {
            _arpFailure = e.Message;
            throw;
        }
        finally
        {
            _arpReady.Set();
        }
    }

    /// <summary>
    /// A configuration reload: opens libpcap on interfaces not open yet. A failure is the reload's
    /// (it is refused) and leaves the interfaces opened at start working.
    /// </summary>
    /// <exception cref="DaemonStartupException">libpcap cannot open an interface.</exception>
    public void OpenMoreIpv4(IEnumerable<(string Name, byte[]? Mac)> interfaces)
    {
        _arpReady.Wait();
        _arp.Open(interfaces);
    }

    /// <summary>Opens the ICMPv6 socket for IPv6 announcements on <paramref name="interfaceName"/>.</summary>
    /// <exception cref="DaemonStartupException">The socket cannot be opened.</exception>
    public void OpenIpv6(string interfaceName, int interfaceIndex, byte[]? hardwareAddress)
    {
        if (_icmp.ContainsKey(interfaceName))
        {
            return;
        }

        int fd = Libc.Socket(Libc.AfInet6, Libc.SockRaw | Libc.SockCloexec, Libc.IpProtoIcmpv6);
        if (fd < 0)
        {
            throw new DaemonStartupException("cannot open an ICMPv6 socket for neighbour advertisements: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        int err = Libc.BindToDevice(fd, interfaceName);
        err = err != 0 ? err : Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6MulticastHops, 255);
        err = err != 0 ? err : Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6MulticastIf, interfaceIndex);
        err = err != 0 ? err : Libc.SetIntOption(fd, Libc.IpProtoIpv6, Libc.Ipv6MulticastLoop, 0);
        if (err != 0)
        {
            _ = Libc.Close(fd);
            throw new DaemonStartupException($"cannot set up the ICMPv6 socket on {interfaceName}: {Libc.Describe(err)}");
        }

        PhysicalAddress mac = hardwareAddress is null ? PhysicalAddress.None : new PhysicalAddress(hardwareAddress);
        _icmp[interfaceName] = (fd, interfaceIndex, mac);
    }

    /// <inheritdoc/>
    public string? Send(string interfaceName, IPAddress address, int count)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            _arpReady.Wait();
            return _arpFailure ?? _arp.Send(interfaceName, address, count);
        }

        if (!_icmp.TryGetValue(interfaceName, out var s))
        {
            return $"interface '{interfaceName}' is not open for neighbour advertisements";
        }

        if (s.Mac.GetAddressBytes().Length != 6)
        {
            return $"interface '{interfaceName}' has no Ethernet address";
        }

        byte[] message = UnsolicitedNeighbourAdvert.Build(s.Mac, address);
        for (int i = 0; i < count; i++)
        {
            if (!SendTo(s.Fd, s.Index, message))
            {
                return "sendto: " + Libc.Describe(Marshal.GetLastPInvokeError());
            }
        }

        return null;
    }

    private static unsafe bool SendTo(int fd, int index, byte[] message)
    {
        byte* sa = stackalloc byte[28];
        new Span<byte>(sa, 28).Clear();
        *(ushort*)sa = Libc.AfInet6;
        UnsolicitedNeighbourAdvert.AllNodes.TryWriteBytes(new Span<byte>(sa + 8, 16), out _);
        BinaryPrimitives.WriteInt32LittleEndian(new Span<byte>(sa + 24, 4), index);
        fixed (byte* p = message)
        {
            return Libc.SendTo(fd, p, (nuint)message.Length, 0, sa, 28) >= 0;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var s in _icmp.Values)
        {
            _ = Libc.Close(s.Fd);
        }

        _icmp.Clear();
        _arp.Dispose();
        _arpReady.Dispose();
    }
}
