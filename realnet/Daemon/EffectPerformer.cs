using System.Net.Sockets;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;
using VrrpLab.RealNet.Arp;
using VrrpLab.RealNet.Logging;
using VrrpLab.RealNet.Native;

namespace VrrpLab.RealNet.Daemon;

/// <summary>
/// Performs the engine's effects on the host: sends adverts, adds and removes VIPs, sends
/// gratuitous ARPs, starts scripts, and writes the log. Failures are logged (rate limited) and
/// never stop the daemon. Used from the event loop only.
/// </summary>
internal sealed class EffectPerformer
{
    private readonly IAdvertTransport _transport;
    private readonly IAddressTable _addresses;
    private readonly IGratuitousArpSender _arp;
    private readonly IScriptHost _scripts;
    private readonly KeepalivedLog _log;
    private readonly LogRateLimiter _limiter = new(Duration.FromSeconds(10));

    public EffectPerformer(
        IAdvertTransport transport,
        IAddressTable addresses,
        IGratuitousArpSender arp,
        IScriptHost scripts,
        KeepalivedLog log,
        DaemonCounters counters)
    {
        _transport = transport;
        _addresses = addresses;
        _arp = arp;
        _scripts = scripts;
        _log = log;
        Counters = counters;
    }

    /// <summary>The counters this performer updates.</summary>
    public DaemonCounters Counters { get; }

    /// <summary>
    /// Performs every effect, in order. When the batch discarded a received packet, its log lines
    /// (the engine's "invalid TTL/HL", "received an invalid passwd!", ...) are rate limited per
    /// text, so a flood of bad packets cannot flood the log.
    /// </summary>
    public void Perform(IReadOnlyList<Effect> effects, Instant now)
    {
        bool packetDropped = false;
        for (int i = 0; i < effects.Count; i++)
        {
            packetDropped |= effects[i] is AdvertisementDropped;
        }

        for (int i = 0; i < effects.Count; i++)
        {
            if (packetDropped && effects[i] is LogLine l)
            {
                LogLimited("dropline:" + l.Text, l.Text, now);
            }
            else
            {
                Perform(effects[i], now);
            }
        }
    }

    /// <summary>Writes a line at most once per window per key, with the count of lines held back.</summary>
    public void LogLimited(string key, string text, Instant now)
    {
        if (_limiter.TryAcquire(key, now, out long suppressed))
        {
            _log.Write(suppressed > 0 ? $"{text} ({suppressed} similar suppressed)" : text);
        }
    }

    private void Perform(Effect effect, Instant now)
    {
        switch (effect)
        {
            case LogLine l:
                _log.Write(l.Text);
                break;
            case SendAdvertisement s:
                SocketError error = _transport.Send(s.Interface, s.Source, s.Destination, s.Payload);
                if (error == SocketError.Success)
                {
                    Counters.AdvertsSent++;
                }
                else
                {
                    Counters.SendErrors++;
                    LogLimited("send:" + s.Instance, $"({s.Instance}) cannot send advert on {s.Interface} to {s.Destination}: {error}", now);
                }

                break;
            case AddVirtualAddress a:
                int addErr = _addresses.Add(a.Device, a.Address);
                if (addErr != 0 && addErr != Libc.EExist)
                {
                    _log.Write($"({a.Instance}) cannot add {a.Address} to {a.Device}: {Libc.Describe(addErr)}");
                }

                break;
            case RemoveVirtualAddress r:
                int delErr = _addresses.Remove(r.Device, r.Address);
                if (delErr != 0 && delErr != Libc.EAddrNotAvail)
                {
                    _log.Write($"({r.Instance}) cannot remove {r.Address} from {r.Device}: {Libc.Describe(delErr)}");
                }

                break;
            case SendGratuitousArp g:
                // The engine logs "Sending gratuitous ARP on IF for VIP" with the effect.
                string? arpError = _arp.Send(g.Interface, g.Address, g.Count);
                if (arpError is null)
                {
                    Counters.GratuitousArpsSent += g.Count;
                }
                else
                {
                    LogLimited("garp:" + g.Interface, $"({g.Instance}) cannot send gratuitous ARP on {g.Interface} for {g.Address}: {arpError}", now);
                }

                break;
            case RunScript rs:
                _scripts.StartCheck(rs.Script, rs.Command);
                break;
            case RunNotify n:
                string? notifyError = _scripts.StartNotify(n.Instance, n.Command, n.Arguments);
                if (notifyError is not null)
                {
                    _log.Write($"({n.Instance}) cannot run notify script {n.Command}: {notifyError}");
                }

                break;
            case AdvertisementDropped d when d.Reason == AdvertDropReason.OwnAddress:
                // Multicast loopback is off: our own adverts never come back, so this one is forged.
                Counters.FromOwnAddress++;
                LogLimited("own:" + d.Interface, $"discarded packet from our own address {d.Source} on {d.Interface} (spoofed?)", now);
                break;
            case AdvertisementDropped d:
                Counters.Drops[d.Reason] = Counters.Drops.GetValueOrDefault(d.Reason) + 1;
                if (d.Reason.Classify() == AdvertDropClass.Malformed)
                {
                    // Malformed packets: the engine does not log these itself.
                    LogLimited(
                        $"drop:{d.Interface}:{d.Reason}",
                        $"discarded malformed VRRP packet from {d.Source} on {d.Interface}: {d.Reason}",
                        now);
                }

                break;
            default:
                // StateChanged, PriorityChanged, ScriptStateChanged, AdvertisementAccepted: the engine
                // logs them itself (LogLine); nothing to do on the host.
                break;
        }
    }
}
