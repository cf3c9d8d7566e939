using System.Net;
using BenchmarkDotNet.Attributes;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.StateMachine;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Bench;

/// <summary>
/// The engine's common inputs: an advert received in BACKUP and the advert timer in MASTER.
/// Target (issue 2): at least 1,000,000 inputs per second on one core.
/// Run: <c>dotnet run -c Release --project bench -- --filter '*EngineBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private const int InputsPerInvoke = 10_000;
    private static readonly IPAddress Peer = IPAddress.Parse("10.0.0.12");
    private static readonly IPAddress Group = VrrpWire.MulticastGroupV4;

    private VrrpRouter _backup = null!;
    private VrrpRouter _master = null!;
    private byte[] _advert = [];
    private Instant _backupNow;

    [GlobalSetup]
    public void Setup()
    {
        var instance = new VrrpInstanceConfig
        {
            Name = "VI_1",
            Interface = "eth0",
            VirtualRouterId = 51,
            Priority = 100,
            AuthType = AuthType.SimpleText,
            AuthPassword = "1111",
            VirtualAddresses = [VirtualAddress.Host(IPAddress.Parse("10.0.0.100"))],
        };
        RouterInterface[] ifaces = [new RouterInterface("eth0", IPAddress.Parse("10.0.0.11"))];

        _backup = new VrrpRouter(new RouterConfig { Instances = [instance] }, ifaces);
        _backup.Start(Instant.Zero);
        _advert = AdvertisementCodec.Encode(
            new Advertisement(VrrpVersion.V2, 51, 150, Duration.FromSeconds(1), [IPAddress.Parse("10.0.0.100")], AuthType.SimpleText, "1111"),
            Peer, Group, V3ChecksumForm.PseudoHeader);

        _master = new VrrpRouter(new RouterConfig { Instances = [instance with { Priority = 255 }] }, ifaces);
        _master.Start(Instant.Zero);
    }

    /// <summary>BACKUP accepts an advert: validate, decode, reset the down timer.</summary>
    [Benchmark(OperationsPerInvoke = InputsPerInvoke)]
    public int AdvertReceivedInBackup()
    {
        int n = 0;
        for (int i = 0; i < InputsPerInvoke; i++)
        {
            _backupNow += Duration.FromSeconds(1);
            n += _backup.ReceivePacket(_backupNow, "eth0", Peer, Group, 255, _advert).Count;
        }

        return n;
    }

    /// <summary>MASTER's Adver_Timer fires: encode and emit one advert.</summary>
    [Benchmark(OperationsPerInvoke = InputsPerInvoke)]
    public int AdvertTimerInMaster()
    {
        int n = 0;
        for (int i = 0; i < InputsPerInvoke; i++)
        {
            n += _master.AdvanceTo(_master.NextDeadline).Count;
        }

        return n;
    }
}
