using System.Net;
using System.Net.NetworkInformation;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.RealNet.Arp;
using VrrpLab.RealNet.Netlink;
using VrrpLab.RealNet.Sockets;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// Runs the daemon's code paths once before VRRP starts, so the first takeover does not pay for
/// just-in-time compilation (measured: about 15 ms between "Receive advertisement timeout" and the
/// first advert on a cold process, which would make our failover slower than keepalived's).
/// Everything here is side-effect free: a throwaway router on a simulated clock, and frames built
/// but not sent.
/// </summary>
internal static class Warmup
{
    /// <summary>Exercises the engine (startup, takeover, adverts, shutdown) and the frame builders.</summary>
    public static void Run(RouterConfig config, IReadOnlyList<RouterInterface> interfaces)
    {
        try
        {
            Exercise(config, interfaces);
        }
        catch (Exception)
        {
            // Best effort only: the real run reports its own problems.
        }
    }

    private static void Exercise(RouterConfig config, IReadOnlyList<RouterInterface> interfaces)
    {
        var router = new VrrpRouter(config, interfaces);
        Instant t = Instant.Zero;
        _ = router.Start(t);
        byte[]? payload = null;
        IPAddress? source = null;
        IPAddress? destination = null;
        for (int step = 0; step < 8 && router.NextDeadline.IsSet; step++)
        {
            t = router.NextDeadline;
            foreach (Effect e in router.AdvanceTo(t))
            {
                if (e is SendAdvertisement s)
                {
                    payload = s.Payload;
                    source = s.Source;
                    destination = s.Destination;
                    byte[] datagram = new byte[Ipv4Datagram.HeaderLength + s.Payload.Length];
                    if (s.Source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
                        && s.Destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                    {
                        Ipv4Datagram.WriteHeader(datagram, s.Source, s.Destination, s.Payload.Length);
                        _ = Ipv4Datagram.TryRead(datagram, out ReceivedDatagram _);
                    }
                }
                else if (e is SendGratuitousArp g && g.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                {
                    _ = GratuitousArpFrame.Build(new PhysicalAddress(new byte[6]), g.Address);
                }
                else if (e is AddVirtualAddress a)
                {
                    _ = AddressRequest.Build(true, 0, 1, a.Address.Address, a.Address.PrefixLength, a.Address.Label);
                    _ = AddressRequest.Build(false, 0, 1, a.Address.Address, a.Address.PrefixLength, a.Address.Label);
                }
            }
        }

        if (payload is not null && source is not null && destination is not null)
        {
            // A peer's advert arriving (decode, validation, the receive path of the state machine).
            _ = router.ReceivePacket(t, config.Instances[0].Interface, IPAddress.Parse("192.0.2.254"), destination, 255, payload);
            payload[2] = 0;
            _ = router.ReceivePacket(t, config.Instances[0].Interface, IPAddress.Parse("192.0.2.254"), destination, 255, payload);
        }

        _ = router.Shutdown(t);
    }
}
