using System.Net;
using BenchmarkDotNet.Attributes;
using VrrpLab.Engine.Configuration;
using VrrpLab.Engine.Time;
using VrrpLab.Engine.Wire;

namespace VrrpLab.Bench;

/// <summary>
/// The VRRP codec's throughput and allocations: encode into a reused buffer (the engine's send path),
/// decode with and without building the advertisement (the receive path), and the IPv4 header split.
/// Run: <c>dotnet run -c Release --project bench -- --filter '*Codec*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private static readonly IPAddress Source = IPAddress.Parse("192.168.179.1");
    private static readonly IPAddress Multicast = VrrpWire.MulticastGroupV4;

    private readonly Advertisement _seed = new(VrrpVersion.V2, 151, 100, Duration.FromSeconds(5),
        [IPAddress.Parse("192.168.179.199")], AuthType.SimpleText, "1111");

    private readonly Advertisement _v3 = new(VrrpVersion.V3, 7, 255, Duration.FromCentiseconds(100),
        [IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2")]);

    private readonly ReceiverExpectations _seedExpectations = new(VrrpVersion.V2, AuthType.SimpleText, "1111", Duration.FromSeconds(5));
    private readonly byte[] _buffer = new byte[128];
    private byte[] _seedBytes = [];
    private byte[] _v3PseudoBytes = [];
    private byte[] _v3PlainBytes = [];
    private byte[] _seedPacket = [];

    [GlobalSetup]
    public void Setup()
    {
        _seedBytes = AdvertisementCodec.Encode(_seed, Source, Multicast, V3ChecksumForm.PseudoHeader);
        _v3PseudoBytes = AdvertisementCodec.Encode(_v3, Source, Multicast, V3ChecksumForm.PseudoHeader);
        _v3PlainBytes = AdvertisementCodec.Encode(_v3, Source, Multicast, V3ChecksumForm.MessageOnly);
        _seedPacket = new byte[Ipv4Header.MinimumLength + _seedBytes.Length];
        Ipv4Header.Write(_seedPacket, Source, Multicast, _seedBytes.Length);
        _seedBytes.CopyTo(_seedPacket, Ipv4Header.MinimumLength);
    }

    [Benchmark(Description = "Encode v2 PASS into a buffer")]
    public int EncodeV2Span() => AdvertisementCodec.Encode(_seed, Source, Multicast, V3ChecksumForm.PseudoHeader, _buffer);

    [Benchmark(Description = "Encode v3 pseudo-header into a buffer")]
    public int EncodeV3Span() => AdvertisementCodec.Encode(_v3, Source, Multicast, V3ChecksumForm.PseudoHeader, _buffer);

    [Benchmark(Description = "Encode v2 PASS to a new array")]
    public byte[] EncodeV2Array() => AdvertisementCodec.Encode(_seed, Source, Multicast, V3ChecksumForm.PseudoHeader);

    [Benchmark(Description = "TryDecode v2 PASS with expectations")]
    public bool DecodeV2() => AdvertisementCodec.TryDecode(_seedBytes, Source, Multicast, _seedExpectations, out _, out _);

    [Benchmark(Description = "TryDecode v3 pseudo-header")]
    public bool DecodeV3Pseudo() => AdvertisementCodec.TryDecode(_v3PseudoBytes, Source, Multicast, null, out _, out _);

    [Benchmark(Description = "TryDecode v3 RFC 9568 (pseudo-header tried first)")]
    public bool DecodeV3Plain() => AdvertisementCodec.TryDecode(_v3PlainBytes, Source, Multicast, null, out _, out _);

    [Benchmark(Description = "Validate v2 PASS (no advert built)")]
    public AdvertDropReason ValidateV2() => AdvertisementCodec.Validate(_seedBytes, Source, Multicast, _seedExpectations);

    [Benchmark(Description = "Ipv4Header.TryParse")]
    public bool ParseIpv4() => Ipv4Header.TryParse(_seedPacket, out _, out _);

    [Benchmark(Description = "Inspect v3 (vrrplab decode)")]
    public AdvertisementInspection InspectV3() => AdvertisementCodec.Inspect(_v3PseudoBytes, Source, Multicast);
}
