using static VrrpLab.Tests.Shared.TestAddresses;

namespace VrrpLab.Engine.Tests.StateMachine;

/// <summary>
/// Drives one router the way a driver does: every input at an instant, every timer woken exactly at
/// <see cref="VrrpRouter.NextDeadline"/>; records every effect with the instant it happened.
/// </summary>
internal sealed class RouterHarness
{
    public RouterHarness(VrrpInstanceConfig instance, IPAddress? self = null)
        : this(new RouterConfig { Instances = [instance] }, self)
    {
    }

    public RouterHarness(RouterConfig config, IPAddress? self = null)
    {
        Router = new VrrpRouter(config, [new RouterInterface("eth0", self ?? Self), new RouterInterface("eth1", IPAddress.Parse("10.1.0.11"))]);
    }

    public VrrpRouter Router { get; private set; }

    /// <summary>The last reload's report.</summary>
    public RouterReload? LastReload { get; private set; }

    public Instant Now { get; private set; }

    public List<(Instant At, Effect Effect)> Effects { get; } = [];

    public VrrpInstance Instance => Router.Instances[0];

    public VrrpState State => Instance.State;

    public static VrrpInstanceConfig Config(byte priority = 100, bool nopreempt = false, VrrpVersion version = VrrpVersion.V2,
        InitialState state = InitialState.Backup, int intervalMs = 1000) => new()
        {
            Name = "VI_1",
            Interface = "eth0",
            VirtualRouterId = 51,
            Priority = priority,
            Nopreempt = nopreempt,
            State = state,
            Version = version,
            AdvertInterval = Duration.FromMilliseconds(intervalMs),
            VirtualAddresses = [VirtualAddress.Host(Vip)],
        };

    public RouterHarness Start(long atUs = 0)
    {
        RunUntil(T.Us(atUs));
        Record(Router.Start(Now));
        return this;
    }

    /// <summary>Fires every timer up to and including <paramref name="t"/>, each at its own deadline.</summary>
    public void RunUntil(Instant t)
    {
        for (int guard = 0; guard < 1_000_000; guard++)
        {
            Instant next = Router.NextDeadline;
            if (next > t)
            {
                break;
            }

            Now = next;
            Record(Router.AdvanceTo(next));
        }

        Now = t;
    }

    public void RunUntilSeconds(double s) => RunUntil(T.S(s));

    /// <summary>Asserts the takeover happens at exactly <paramref name="us"/>: still BACKUP one microsecond before, MASTER at it.</summary>
    public void AssertBecomesMasterAt(long us)
    {
        RunUntil(T.Us(us - 1));
        Assert.That(State, Is.EqualTo(VrrpState.Backup), $"still BACKUP at {us - 1} us");
        RunUntil(T.Us(us));
        Assert.That(State, Is.EqualTo(VrrpState.Master), $"MASTER at {us} us");
    }

    public IReadOnlyList<Effect> Receive(Instant at, byte priority, IPAddress? source = null, byte ttl = 255,
        VrrpVersion? version = null, Duration? interval = null, string? password = null, byte vrid = 51)
    {
        VrrpInstanceConfig c = Instance.Config;
        var advert = new Advertisement(version ?? c.Version, vrid, priority, interval ?? c.AdvertInterval,
            [Vip], c.Version == VrrpVersion.V2 ? c.AuthType : AuthType.None,
            password ?? (c.AuthType == AuthType.SimpleText ? c.AuthPassword ?? "" : ""));
        byte[] bytes = AdvertisementCodec.Encode(advert, source ?? Peer, Group, V3ChecksumForm.PseudoHeader);
        return ReceiveRaw(at, bytes, source ?? Peer, ttl);
    }

    public IReadOnlyList<Effect> ReceiveRaw(Instant at, byte[] bytes, IPAddress source, byte ttl = 255)
    {
        RunUntil(at);
        int before = Effects.Count;
        Record(Router.ReceivePacket(Now, "eth0", source, Group, ttl, bytes));
        return Effects.Skip(before).Select(e => e.Effect).ToList();
    }

    public IReadOnlyList<Effect> Script(Instant at, string name, bool ok)
    {
        RunUntil(at);
        int before = Effects.Count;
        Record(Router.ScriptCompleted(Now, name, ok));
        return Effects.Skip(before).Select(e => e.Effect).ToList();
    }

    public IReadOnlyList<Effect> Link(Instant at, string iface, bool up)
    {
        RunUntil(at);
        int before = Effects.Count;
        Record(Router.LinkChanged(Now, iface, up));
        return Effects.Skip(before).Select(e => e.Effect).ToList();
    }

    public IReadOnlyList<Effect> Shutdown(Instant at)
    {
        RunUntil(at);
        int before = Effects.Count;
        Record(Router.Shutdown(Now));
        return Effects.Skip(before).Select(e => e.Effect).ToList();
    }

    /// <summary>Reloads <paramref name="config"/> at <paramref name="at"/> and drives the new router from then on.</summary>
    public IReadOnlyList<Effect> Reload(Instant at, RouterConfig config)
    {
        RunUntil(at);
        int before = Effects.Count;
        LastReload = Router.Reload(Now, config, [new RouterInterface("eth0", Self), new RouterInterface("eth1", IPAddress.Parse("10.1.0.11"))]);
        Router = LastReload.Router;
        Record(LastReload.Effects);
        return Effects.Skip(before).Select(e => e.Effect).ToList();
    }

    /// <summary>The instant of the first entry into <paramref name="state"/> at or after <paramref name="from"/>.</summary>
    public Instant? EnteredAt(VrrpState state, Instant from = default) =>
        Effects.Where(e => e.At >= from && e.Effect is StateChanged s && s.To == state).Select(e => (Instant?)e.At).FirstOrDefault();

    public IEnumerable<T> All<T>() where T : Effect => Effects.Select(e => e.Effect).OfType<T>();

    public IEnumerable<string> Logs => All<LogLine>().Select(l => l.Text);

    private void Record(IReadOnlyList<Effect> effects)
    {
        foreach (Effect e in effects)
        {
            Effects.Add((Now, e));
        }
    }
}

/// <summary>Short names for instants in tests.</summary>
internal static class T
{
    /// <summary>Seconds (decimal literal) as an exact instant.</summary>
    public static Instant S(double seconds) => new((long)Math.Round(seconds * 1_000_000));

    /// <summary>Microseconds.</summary>
    public static Instant Us(long us) => new(us);
}
