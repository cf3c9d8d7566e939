using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using SharpPcap;
using SharpPcap.LibPcap;

namespace VrrpLab.RealNet.Arp;

/// <summary>
/// Sends gratuitous ARPs through libpcap (SharpPcap), one opened device per interface, from the
/// interface's real MAC (keepalived does so unless <c>use_vmac</c>).
/// </summary>
internal sealed class PcapGratuitousArpSender : IGratuitousArpSender, IDisposable
{
    private readonly Dictionary<string, (LibPcapLiveDevice Device, PhysicalAddress Mac)> _devices = new(StringComparer.Ordinal);

    /// <summary>
    /// Opens libpcap on each interface, sending from the given MAC. libpcap's device enumeration is the
    /// slowest step of start-up, so the daemon calls this right after its VRRP timers are armed (a
    /// missing libpcap is still a startup error, exit 2), and <see cref="AddressAnnouncer"/> holds a
    /// gratuitous ARP until it is done.
    /// </summary>
    /// <exception cref="DaemonStartupException">libpcap is missing or the device cannot be opened.</exception>
    public void Open(IEnumerable<(string Name, byte[]? Mac)> interfaces)
    {
        // Already open (a configuration reload names the same interfaces again): kept as they are.
        var wanted = interfaces.DistinctBy(i => i.Name, StringComparer.Ordinal).Where(i => !_devices.ContainsKey(i.Name)).ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        LibPcapLiveDeviceList list;
        try
        {
            list = LibPcapLiveDeviceList.New();
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or PcapException)
        {
            throw new DaemonStartupException("cannot use libpcap for gratuitous ARP (install the libpcap0.8 package): " + e.Message);
        }

        foreach ((string name, byte[]? mac) in wanted)
        {
            if (mac is not { Length: 6 })
            {
                throw new DaemonStartupException($"interface '{name}' has no Ethernet address for gratuitous ARP");
            }

            LibPcapLiveDevice device = list.FirstOrDefault(d => d.Name == name)
                ?? throw new DaemonStartupException($"interface '{name}' not found by libpcap");
            try
            {
                // Send-only: a small kernel buffer and a filter that matches nothing, so the kernel
                // does not copy every frame of the LAN into a capture ring nobody reads.
                device.Open(new DeviceConfiguration { Mode = DeviceModes.None, Snaplen = 64, ReadTimeout = 100, BufferSize = 64 * 1024 });
                device.Filter = "less 1";
            }
            catch (PcapException e)
            {
                throw new DaemonStartupException($"cannot open interface '{name}' for gratuitous ARP: {e.Message}");
            }

            _devices[name] = (device, new PhysicalAddress(mac));
        }
    }

    /// <inheritdoc/>
    public string? Send(string interfaceName, IPAddress address, int count)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return "unsolicited neighbour advertisements (IPv6) are not implemented";
        }

        if (!_devices.TryGetValue(interfaceName, out var d))
        {
            return $"interface '{interfaceName}' is not open for gratuitous ARP";
        }

        byte[] frame = GratuitousArpFrame.Build(d.Mac, address);
        try
        {
            for (int i = 0; i < count; i++)
            {
                d.Device.SendPacket(frame);
            }

            return null;
        }
        catch (PcapException e)
        {
            return e.Message;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var d in _devices.Values)
        {
            d.Device.Close();
        }

        _devices.Clear();
    }
}
