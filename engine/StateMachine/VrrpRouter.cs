using System.Net;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;

namespace VrrpLab.Engine.StateMachine;

/// <summary>
/// One keepalived VRRP process as a pure, clock-injected machine: every method takes the current
/// <see cref="Instant"/> and an input, updates the instances and returns the effects to perform.
/// It never reads a clock, a random source or a socket. The returned list is reused: it is valid
/// until the next call. After every call the driver must wake the router at <see cref="NextDeadline"/>
/// by calling <see cref="AdvanceTo"/>.
/// </summary>
public sealed partial class VrrpRouter
{
    /// <summary>Creates a router for <paramref name="config"/> on a host with <paramref name="interfaces"/>.</summary>
    public VrrpRouter(RouterConfig config, IReadOnlyList<RouterInterface> interfaces)
    {
        Config = config;
        Instances = [];
        _ = interfaces;
    }

    /// <summary>The configuration.</summary>
    public RouterConfig Config { get; }

    /// <summary>The instances, in configuration order.</summary>
    public IReadOnlyList<VrrpInstance> Instances { get; }

    /// <summary>The earliest instant at which a timer is due (<see cref="Instant.Never"/> if none).</summary>
    public Instant NextDeadline { get; }

    /// <summary>Starts keepalived.</summary>
    public IReadOnlyList<Effect> Start(Instant now) => throw new NotImplementedException();

    /// <summary>Graceful shutdown (SIGTERM).</summary>
    public IReadOnlyList<Effect> Shutdown(Instant now) => throw new NotImplementedException();

    /// <summary>Fires every timer due at or before <paramref name="now"/>, in deadline order.</summary>
    public IReadOnlyList<Effect> AdvanceTo(Instant now) => throw new NotImplementedException();

    /// <summary>A VRRP packet (IP protocol 112) arrived.</summary>
    public IReadOnlyList<Effect> ReceivePacket(Instant now, string iface, IPAddress source, IPAddress destination, byte ttl, ReadOnlySpan<byte> payload) => throw new NotImplementedException();

    /// <summary>A tracked script run finished.</summary>
    public IReadOnlyList<Effect> ScriptCompleted(Instant now, string script, bool success) => throw new NotImplementedException();

    /// <summary>An interface's carrier changed.</summary>
    public IReadOnlyList<Effect> LinkChanged(Instant now, string iface, bool up) => throw new NotImplementedException();

    /// <summary>The sans-IO form: dispatches <paramref name="input"/> to the method above.</summary>
    public IReadOnlyList<Effect> Step(Instant now, RouterInput input) => input switch
    {
        StartInput => Start(now),
        ShutdownInput => Shutdown(now),
        TimersDueInput => AdvanceTo(now),
        PacketInput p => ReceivePacket(now, p.Interface, p.Source, p.Destination, p.Ttl, p.Payload),
        ScriptResultInput s => ScriptCompleted(now, s.Script, s.Success),
        LinkInput l => LinkChanged(now, l.Interface, l.Up),
        _ => throw new ArgumentOutOfRangeException(nameof(input)),
    };
}
