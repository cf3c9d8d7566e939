using System.Net;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;

namespace VrrpLab.Bench;

/// <summary>
/// The seed scenario's two routers driven directly, without the simulator (a perfect 100us link,
/// no data plane, no history): the engine's share of a simulator run, to see where time goes.
/// </summary>
public static class SimEnginePairDriver
{
    private static readonly IPAddress A = IPAddress.Parse("192.168.179.103");
    private static readonly IPAddress B = IPAddress.Parse("192.168.179.104");

    /// <summary>Runs 300 s (stop of the first router at 100 s, restart at 200 s); returns the adverts delivered.</summary>
    public static long Run()
    {
        RouterConfig ca = Config(100, nopreempt: true), cb = Config(50, nopreempt: false);
        var routers = new VrrpRouter?[] { new(ca, [new RouterInterface("ens32", A)]), new(cb, [new RouterInterface("ens32", B)]) };
        IPAddress[] sources = [A, B];
        var inFlight = new Queue<(long At, int To, IPAddress From, IPAddress Dst, byte[] Payload)>();
        long delivered = 0;
        long end = 300_000_000;
        bool stopped = false, restarted = false;

        void Apply(int from, IReadOnlyList<Effect> effects, long now)
        {
            foreach (Effect e in effects)
            {
                if (e is SendAdvertisement s)
                {
                    inFlight.Enqueue((now + 100, 1 - from, s.Source, s.Destination, s.Payload));
                }
            }
        }

        Apply(0, routers[0]!.Start(Instant.Zero), 0);
        Apply(1, routers[1]!.Start(Instant.Zero), 0);
        while (true)
        {
            long next = end;
            int who = -1;
            for (int i = 0; i < 2; i++)
            {
                if (routers[i] is { } r && r.NextDeadline.IsSet && r.NextDeadline.Microseconds < next)
                {
                    next = r.NextDeadline.Microseconds;
                    who = i;
                }
            }

            long control = !stopped ? 100_000_000 : !restarted ? 200_000_000 : long.MaxValue;
            if (inFlight.Count > 0 && inFlight.Peek().At <= next && inFlight.Peek().At <= control)
            {
                var p = inFlight.Dequeue();
                if (routers[p.To] is { } r)
                {
                    Apply(p.To, r.ReceivePacket(new Instant(p.At), "ens32", p.From, p.Dst, 255, p.Payload), p.At);
                    delivered++;
                }

                continue;
            }

            if (control <= next && control <= end)
            {
                if (!stopped)
                {
                    Apply(0, routers[0]!.Shutdown(new Instant(control)), control);
                    routers[0] = null;
                    stopped = true;
                }
                else
                {
                    routers[0] = new VrrpRouter(ca, [new RouterInterface("ens32", A)]);
                    Apply(0, routers[0]!.Start(new Instant(control)), control);
                    restarted = true;
                }

                continue;
            }

            if (who < 0 || next >= end)
            {
                return delivered;
            }

            Apply(who, routers[who]!.AdvanceTo(new Instant(next)), next);
        }
    }

    private static RouterConfig Config(byte priority, bool nopreempt) => new()
    {
        Instances =
        [
            new VrrpInstanceConfig
            {
                Name = "VI_1",
                Interface = "ens32",
                VirtualRouterId = 151,
                Priority = priority,
                Nopreempt = nopreempt,
                AdvertInterval = Duration.FromSeconds(1),
                AuthType = AuthType.SimpleText,
                AuthPassword = "1111",
                VirtualAddresses = [VirtualAddress.Host(IPAddress.Parse("192.168.179.199"))],
            },
        ],
    };
}
