using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using VrrpLab.Lab.Network;
using VrrpLab.RealNet.Native;

namespace VrrpLab.Lab.Tests;

/// <summary>
/// The delay relay measured end to end in namespaces: a sender and a receiver on one bridge, VRRP
/// datagrams (IP protocol 112 to 224.0.0.18) timed at both ends with one clock, ARP timed by ping's
/// first round trip.
/// </summary>
[NonParallelizable]
public class DelayRelayTests
{
    private static readonly IPAddress Group = IPAddress.Parse("224.0.0.18");
    private readonly List<string> _namespaces = [];
    private string _bridge = "";
    private string _a = "";
    private string _c = "";

    /// <summary>A third host on the bridge that only listens: a frame is relayed once per receiving port, so with three ports a copy flooded by the bridge would reach a receiver twice.</summary>
    private string _idle = "";

    [SetUp]
    public void Build()
    {
        Assert.That(LabEnvironment.Problems(keepalived: false), Is.Empty);
        string run = LabHygiene.NewRunId();
        _bridge = run + "-s0";
        _a = run + "-n0";
        _c = run + "-n1";
        _idle = run + "-n2";
        foreach (string ns in new[] { _bridge, _a, _c, _idle })
        {
            Shell.Ip("netns", "add", ns);
            _namespaces.Add(ns);
            Shell.Ip("-n", ns, "link", "set", "lo", "up");
        }

        Shell.Ip("-n", _bridge, "link", "add", "br0", "type", "bridge", "mcast_snooping", "0", "stp_state", "0");
        Shell.Ip("-n", _bridge, "link", "set", "br0", "up");
        int i = 0;
        foreach ((string ns, string addr) in new[] { (_a, "10.9.0.1/24"), (_c, "10.9.0.2/24"), (_idle, "10.9.0.3/24") })
        {
            Shell.Ip("link", "add", "eth0", "netns", ns, "type", "veth", "peer", "name", "p" + i, "netns", _bridge);
            Shell.Ip("-n", ns, "addr", "add", addr, "dev", "eth0");
            Shell.Ip("-n", ns, "link", "set", "eth0", "up");
            Shell.Ip("-n", ns, "route", "add", "224.0.0.0/4", "dev", "eth0");
            Shell.Ip("-n", _bridge, "link", "set", "p" + i, "master", "br0");
            Shell.Ip("-n", _bridge, "link", "set", "p" + i, "up");
            i++;
        }

        Shell.Run("ip", ["netns", "exec", _bridge, Shell.Which("nft") ?? "nft", "-f", "-"], BridgeFilter.Ruleset(null, 0, delayed: true), TimeSpan.FromSeconds(15)).EnsureSuccess();
    }

    [TearDown]
    public void Teardown()
    {
        foreach (string ns in _namespaces)
        {
            LabHygiene.DeleteNamespace(ns);
        }

        _namespaces.Clear();
    }

    [Test]
    public void VRRP_adverts_arrive_after_the_latency_in_order_and_a_latency_change_holds_for_later_ones()
    {
        DelayRelayStats stats;
        double[] first;
        double[] second;
        using (DelayRelay relay = DelayRelay.Start(_bridge, "lan", 1, 100_000, 0))
        {
            (first, int[] order) = Measure(count: 20, gapMs: 20);
            relay.Set(30_000, 0);
            (second, _) = Measure(count: 10, gapMs: 20);
            Assert.That(order, Is.Ordered, "no jitter: the order is kept");
            Assert.That(order, Is.Unique, "one copy per receiver (relayed out of its port, not flooded by the bridge)");
            relay.Dispose();
            stats = relay.Stats();
        }

        Report("100 ms", first);
        Report("30 ms", second);
        Assert.That(first, Has.Length.EqualTo(20), "every advert arrived");
        // Upper bounds allow what the relay itself reports as its sending lateness (its thread is not
        // real-time: a loaded machine delays it), so they judge the relay's logic, not the machine's load.
        double late = LateMs(stats, 50);
        Assert.That(Median(first), Is.InRange(100.0, 102.0 + late), $"median added delay 100 ms + 2 ms (+ the relay's median lateness, {late:0.0} ms)");
        Assert.That(first.Min(), Is.GreaterThanOrEqualTo(100.0), "never early");
        Assert.That(Median(second), Is.InRange(30.0, 32.0 + late), "the new latency holds for packets sent after the change");
        Assert.That(stats.Relayed, Is.GreaterThanOrEqualTo(30));
        Assert.That(stats.Errors + stats.Overflow, Is.Zero, stats.LastError);
        TestContext.Out.WriteLine(LabNetwork.Describe("lan", stats));
    }

    [Test]
    public void Jitter_spreads_the_delay_over_latency_plus_zero_to_jitter()
    {
        double[] delays;
        DelayRelayStats stats;
        using (DelayRelay relay = DelayRelay.Start(_bridge, "lan", 7, 50_000, 40_000))
        {
            (delays, _) = Measure(count: 60, gapMs: 10);
            relay.Dispose();
            stats = relay.Stats();
        }

        Report("50 ms + [0, 40 ms]", delays);
        Assert.That(delays, Has.Length.EqualTo(60));
        Assert.That(delays.Min(), Is.GreaterThanOrEqualTo(50.0), "never before the latency");
        // A loaded machine may send a frame late (scheduling); nine in ten are within the range + 2 ms.
        Assert.That(delays.Count(d => d <= 92.0 + LateMs(stats, 90)), Is.GreaterThanOrEqualTo(54), "latency + jitter + 2 ms (+ the relay's p90 lateness) bounds nine in ten");
        Assert.That(Percentile(delays, 90) - Percentile(delays, 10), Is.GreaterThan(20.0), "the draws cover the jitter range");
        Assert.That(Median(delays), Is.InRange(60.0, 80.0 + LateMs(stats, 50)), "uniform: the median near latency + jitter / 2");
    }

    [Test]
    public void ARP_is_delayed_both_ways_and_the_clients_echoes_are_not()
    {
        using DelayRelay relay = DelayRelay.Start(_bridge, "lan", 1, 100_000, 0);
        string output = Shell.Run("ip", ["netns", "exec", _a, "ping", "-n", "-c", "4", "-i", "0.3", "-W", "2", "10.9.0.2"], TimeSpan.FromSeconds(15)).StdOut;
        double[] rtt = [.. Regex.Matches(output, @"time=([0-9.]+) ms").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
        TestContext.Out.WriteLine(output);
        Assert.That(rtt, Has.Length.EqualTo(4), output);
        relay.Dispose();
        double late = LateMs(relay.Stats(), 100);
        Assert.That(rtt[0], Is.InRange(200.0, 215.0 + (2 * late)), $"the first echo waits for ARP: request and reply each delayed 100 ms (+ the relay's lateness, at most {late:0.0} ms each)");
        Assert.That(rtt.Skip(1), Has.All.LessThan(20.0), "echoes are not delayed, as in the simulator");
    }

    /// <summary>Sends <paramref name="count"/> VRRP datagrams from A and times each at C; returns the delays (ms) in arrival order and the arrival order.</summary>
    private (double[] Delays, int[] Order) Measure(int count, int gapMs)
    {
        using Socket rx = InNamespace(_c, () =>
        {
            Socket s = VrrpSocket();
            s.ReceiveTimeout = 1000;
            s.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(Group, IPAddress.Parse("10.9.0.2")));
            return s;
        });
        using Socket tx = InNamespace(_a, VrrpSocket);
        var sent = new long[count];
        var delays = new List<double>();
        var order = new List<int>();
        var receiver = new Thread(() =>
        {
            byte[] buf = new byte[1500];
            long end = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 10);
            while (order.Count < count && Stopwatch.GetTimestamp() < end)
            {
                int n;
                try
                {
                    n = rx.Receive(buf);
                }
                catch (SocketException)
                {
                    continue;
                }

                long at = Stopwatch.GetTimestamp();
                int ihl = (buf[0] & 0x0f) * 4;
                if (n < ihl + 8 || buf[ihl] != 0x21)
                {
                    continue;
                }

                int seq = BitConverter.ToInt32(buf, ihl + 4);
                if (seq >= 0 && seq < count && Volatile.Read(ref sent[seq]) != 0)
                {
                    order.Add(seq);
                    delays.Add((at - sent[seq]) * 1000.0 / Stopwatch.Frequency);
                }
            }
        });
        receiver.Start();
        byte[] advert = new byte[20];
        advert[0] = 0x21; // version 2, advertisement
        advert[1] = 51;
        for (int i = 0; i < count; i++)
        {
            BitConverter.GetBytes(i).CopyTo(advert, 4);
            Volatile.Write(ref sent[i], Stopwatch.GetTimestamp());
            tx.SendTo(advert, new IPEndPoint(Group, 0));
            Thread.Sleep(gapMs);
        }

        receiver.Join(TimeSpan.FromSeconds(12));
        return ([.. delays], [.. order]);
    }

    /// <summary>A raw IPv4 socket of protocol 112 (.NET refuses the number; libc does not).</summary>
    private static Socket VrrpSocket()
    {
        int fd = Libc.Socket(Libc.AfInet, Libc.SockRaw | Libc.SockCloexec, Libc.IpProtoVrrp);
        Assert.That(fd, Is.GreaterThanOrEqualTo(0), "raw socket for protocol 112");
        return new Socket(new SafeSocketHandle(fd, ownsHandle: true));
    }

    private static T InNamespace<T>(string ns, Func<T> f)
    {
        T result = default!;
        Exception? error = null;
        var t = new Thread(() =>
        {
            try
            {
                DelayRelay.EnterNamespace(ns);
                result = f();
            }
            catch (Exception e)
            {
                error = e;
            }
        });
        t.Start();
        t.Join();
        return error is null ? result : throw error;
    }

    private static double Median(double[] xs) => Percentile(xs, 50);

    /// <summary>The relay's own sending lateness (ms) at percentile <paramref name="p"/> of its frames: the machine's scheduling, which the bounds allow.</summary>
    private static double LateMs(DelayRelayStats stats, int p) =>
        stats.LatenessUs.Length == 0 ? 0 : Percentile([.. stats.LatenessUs.Select(us => us / 1000.0)], p);

    private static double Percentile(double[] xs, int p)
    {
        double[] s = [.. xs.Order()];
        return s.Length == 0 ? double.NaN : s[Math.Min(s.Length - 1, s.Length * p / 100)];
    }

    private static void Report(string what, double[] d) =>
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: n={d.Length} min {d.DefaultIfEmpty().Min():0.000} median {Median(d):0.000} max {d.DefaultIfEmpty().Max():0.000} ms (load {File.ReadAllText("/proc/loadavg").Trim()})"));
}
