using System.CommandLine;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;
using VrrpLab.RealNet.Flood;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Simulation;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>vrrplab flood --netns NS --dev IF --vrid N --rate R --for D --kind K</c>: sends a bounded flood of
/// invalid VRRP datagrams inside a test network namespace (the scenario format's <c>flood</c>, for real).
/// </summary>
public sealed class FloodCommand() : Verb(
    "flood",
    "send a bounded flood of invalid VRRP datagrams inside a test network namespace",
    usage: """
        usage: ip netns exec NS vrrplab flood --netns NS --dev IF --vrid N --rate R --for D
                                              --kind garbage|wrong_auth|wrong_version [--seed S]
                                              [--ipv6] [--cluster-version 2|3] [--cluster-pass P]
        """,
    about: $"""
        Sends VRRP datagrams naming VRID N to 224.0.0.18 (ff02::12 with --ipv6), TTL 255, on IF, R per
        second for D, then stops by itself: what a third host on the LAN, or a second cluster reusing the
        VRID, does to a keepalived MASTER (every packet for its VRID restarts its advert timer). The
        datagrams are the scenario format's flood kinds, byte for byte those the simulator uses with
        the same seed: garbage (random lengths and bytes after the version/VRID octets, a checksum that
        never verifies), wrong_auth (well-formed v2 adverts, PASS, a password the cluster does not use),
        wrong_version (well-formed adverts of the version the cluster does not run).

        It only runs inside a test network namespace: --netns must name the namespace it runs in (the
        file 'ip netns add' creates under /run/netns), and that namespace must not be the host's (PID 1's).
        Bounded: 1..{FloodOptions.MaxRate} datagrams per second, at most {FloodOptions.MaxDuration}, at most rate x
        duration datagrams, never more than the duration + 5 s of wall-clock time. SIGINT stops it early.
        """,
    epilogue: """
        Prints what it sent. Exit codes: 0 done; 2 bad option, or refused (not in the named namespace,
        no such interface, no CAP_NET_RAW).
        """)
{
    private Option<string> _netns = null!;
    private Option<string> _dev = null!;
    private Option<string> _vrid = null!;
    private Option<string> _rate = null!;
    private Option<string> _for = null!;
    private Option<string> _kind = null!;
    private Option<string> _seed = null!;
    private Option<bool> _ipv6 = null!;
    private Option<string> _clusterVersion = null!;
    private Option<string> _clusterPass = null!;

    /// <inheritdoc/>
    protected override void Define()
    {
        _netns = Value("--netns", "NS", "the network namespace this runs in (required; checked)");
        _dev = Value("--dev", "IF", "interface to send on (required; not loopback)");
        _vrid = Value("--vrid", "N", "VRID the datagrams name, 1..255 (required)");
        _rate = Value("--rate", "R", "datagrams per second (required), e.g. 200 or 200/s");
        _for = Value("--for", "D", "how long (required), e.g. 15s");
        _kind = Value("--kind", "K", "garbage | wrong_auth | wrong_version (required)");
        _kind.CompletionSources.Add([.. FloodAction.KindNames]);
        _seed = Value("--seed", "S", "seed of the garbage bytes (default 1)");
        _ipv6 = Flag("--ipv6", "send to ff02::12 from the interface's link-local address");
        _clusterVersion = Choice("--cluster-version", "V", "the version the flooded cluster runs (default 2): wrong_version sends the other", () => "2", "2", "3");
        _clusterPass = Value("--cluster-pass", "P", "the cluster's auth_pass: wrong_auth never sends it");
    }

    /// <inheritdoc/>
    protected internal override int Execute(Invocation parsed)
    {
        TextWriter stdout = parsed.Stdout;
        TextWriter stderr = parsed.Stderr;
        static UsageException Missing(Option option) => new($"option {option.Name} is required");
        string Required(Option<string> option) => parsed.Value(option) ?? throw Missing(option);
        string rateText = Required(_rate);
        string digits = rateText.EndsWith("/s", StringComparison.Ordinal) ? rateText[..^2] : rateText;
        if (!int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int rate))
        {
            throw new UsageException($"option --rate needs datagrams per second, e.g. 200 (got '{rateText}')");
        }

        Duration duration = parsed.Duration(_for) ?? throw Missing(_for);

        string vridText = Required(_vrid);
        if (!byte.TryParse(vridText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out byte vrid) || vrid == 0)
        {
            throw new UsageException($"option --vrid must be 1..255 (got '{vridText}')");
        }

        string kind = Required(_kind);
        int k = FloodAction.KindNames.IndexOf(kind);
        if (k < 0)
        {
            throw new UsageException($"option --kind must be one of {string.Join(", ", FloodAction.KindNames)} (got '{kind}')");
        }

        ulong seed = (ulong)(parsed.Number(_seed) ?? 1);
        var options = new FloodOptions
        {
            Namespace = Required(_netns),
            Interface = Required(_dev),
            Vrid = vrid,
            Rate = rate,
            For = duration,
            Kind = (FloodKind)k,
            Ipv6 = parsed.Flag(_ipv6),
            ClusterVersion = parsed.Value(_clusterVersion) == "3" ? VrrpVersion.V3 : VrrpVersion.V2,
            ClusterPassword = parsed.Value(_clusterPass),
        };

        if (FloodGenerator.Refusal(options) is { } refusal)
        {
            stderr.WriteLine("vrrplab flood: " + refusal);
            return ExitCodes.Usage;
        }

        // The simulator's stream for a scenario's first flood: the same seed gives the same bytes.
        SimRandom bytes = SimRandom.ForComponent(seed, "flood/0/bytes");
        return CtrlC.Run(stop =>
        {
            try
            {
                FloodGenerator.Report r = FloodGenerator.Run(options, bytes.NextUInt64, stop);
                double seconds = Math.Max(r.Elapsed.TotalSeconds, 1e-6);
                stdout.WriteLine(
                    $"flood {options.Interface} vrid {vrid} {kind}: sent {r.Sent} datagrams in {seconds:F3} s ({r.Sent / seconds:F0}/s), {r.Failed} refused by the kernel");
                return ExitCodes.Ok;
            }
            catch (InvalidOperationException e)
            {
                stderr.WriteLine("vrrplab flood: " + e.Message);
                return ExitCodes.Usage;
            }
        });
    }
}
