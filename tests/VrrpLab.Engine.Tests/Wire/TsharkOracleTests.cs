using System.Diagnostics;

namespace VrrpLab.Engine.Tests.Codec;

/// <summary>
/// tshark (Wireshark's VRRP dissector) as an independent oracle: what we encode, it dissects with the
/// same field values and a good checksum. tshark is part of CI's setup; when it is missing the tests fail.
/// </summary>
[NonParallelizable]
public sealed class TsharkOracleTests : TempDirectoryTest
{
    private const string Fields = "vrrp.version,vrrp.type,vrrp.virt_rtr_id,vrrp.prio,vrrp.addr_count,vrrp.auth_type,vrrp.adver_int,vrrp.short_adver_int,vrrp.ip_addr,vrrp.ipv6_addr,vrrp.auth_string,vrrp.checksum,vrrp.checksum.status,ip.ttl,ipv6.hlim";

    private static string FindTshark()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/bin"))
        {
            string candidate = Path.Combine(dir, "tshark");
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail("tshark is not installed (apt-get install tshark): the codec's oracle test cannot run");
        return "";
    }

    /// <summary>Runs tshark on <paramref name="pcap"/> and returns one field dictionary per packet.</summary>
    private static List<Dictionary<string, string>> Dissect(string pcap, bool v3ChecksumAsInV2)
    {
        string[] fields = Fields.Split(',');
        var psi = new ProcessStartInfo(FindTshark())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "-n", "-r", pcap, "-o", $"vrrp.v3_checksum_as_in_v2:{(v3ChecksumAsInV2 ? "TRUE" : "FALSE")}", "-T", "fields", "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=," })
        {
            psi.ArgumentList.Add(a);
        }

        foreach (string f in fields)
        {
            psi.ArgumentList.Add("-e");
            psi.ArgumentList.Add(f);
        }

        using var process = Process.Start(psi)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("tshark did not finish within 60 s");
        }

        Assert.That(process.ExitCode, Is.Zero, $"tshark failed: {stderr.Result}");
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => fields.Zip(line.Split('|')).ToDictionary(p => p.First, p => p.Second))
            .ToList();
    }

    private string Write(params (Advertisement Advert, IPAddress Source, IPAddress Destination, V3ChecksumForm Form)[] packets)
    {
        var writer = new PcapFileWriter();
        foreach ((Advertisement advert, IPAddress source, IPAddress destination, V3ChecksumForm form) in packets)
        {
            writer.AddVrrp(AdvertisementCodec.Encode(advert, source, destination, form), source, destination);
        }

        string path = Path.Combine(TempDir, "adverts.pcap");
        writer.Save(path);
        return path;
    }

    private const string Good = "1";

    [Test]
    public void Tshark_dissects_our_v2_PASS_adverts_with_the_same_fields_and_a_good_checksum()
    {
        Advertisement secret = new(VrrpVersion.V2, 7, 100, Duration.FromSeconds(1), [IPAddress.Parse("192.0.2.1")], AuthType.SimpleText, "secret");
        Advertisement seed = TestPackets.SeedAdvert();
        Advertisement twoVips = new(VrrpVersion.V2, 42, 254, Duration.FromSeconds(3), [IPAddress.Parse("10.0.0.100"), IPAddress.Parse("10.0.0.101")]);
        string pcap = Write(
            (secret, TestAddresses.Source, TestAddresses.Group, V3ChecksumForm.PseudoHeader),
            (seed, IPAddress.Parse("192.168.179.1"), TestAddresses.Group, V3ChecksumForm.PseudoHeader),
            (twoVips, TestAddresses.Source, IPAddress.Parse("192.0.2.11"), V3ChecksumForm.PseudoHeader));

        List<Dictionary<string, string>> rows = Dissect(pcap, v3ChecksumAsInV2: false);

        Assert.That(rows, Has.Count.EqualTo(3));
        AssertFields(rows[0], new() { ["vrrp.version"] = "2", ["vrrp.type"] = "1", ["vrrp.virt_rtr_id"] = "7", ["vrrp.prio"] = "100", ["vrrp.addr_count"] = "1", ["vrrp.auth_type"] = "1", ["vrrp.adver_int"] = "1", ["vrrp.ip_addr"] = "192.0.2.1", ["vrrp.auth_string"] = "secret", ["vrrp.checksum.status"] = Good, ["ip.ttl"] = "255" });
        AssertFields(rows[1], new() { ["vrrp.version"] = "2", ["vrrp.virt_rtr_id"] = "151", ["vrrp.prio"] = "100", ["vrrp.auth_type"] = "1", ["vrrp.adver_int"] = "5", ["vrrp.ip_addr"] = "192.168.179.199", ["vrrp.auth_string"] = "1111", ["vrrp.checksum.status"] = Good });
        AssertFields(rows[2], new() { ["vrrp.virt_rtr_id"] = "42", ["vrrp.prio"] = "254", ["vrrp.addr_count"] = "2", ["vrrp.auth_type"] = "0", ["vrrp.adver_int"] = "3", ["vrrp.ip_addr"] = "10.0.0.100,10.0.0.101", ["vrrp.checksum.status"] = Good });
    }

    [Test]
    public void Tshark_verifies_our_v3_pseudo_header_checksums_for_IPv4_and_IPv6()
    {
        Advertisement v4 = new(VrrpVersion.V3, 7, 255, Duration.FromCentiseconds(100), [IPAddress.Parse("192.0.2.1")]);
        Advertisement v6 = new(VrrpVersion.V3, 9, 150, Duration.FromCentiseconds(50), [IPAddress.Parse("2001:db8::1"), IPAddress.Parse("fe80::1")]);
        string pcap = Write(
            (v4, TestAddresses.Source, TestAddresses.Group, V3ChecksumForm.PseudoHeader),
            (v6, TestAddresses.Source6, TestAddresses.Group6, V3ChecksumForm.PseudoHeader));

        List<Dictionary<string, string>> rows = Dissect(pcap, v3ChecksumAsInV2: false);

        Assert.That(rows, Has.Count.EqualTo(2));
        AssertFields(rows[0], new() { ["vrrp.version"] = "3", ["vrrp.type"] = "1", ["vrrp.virt_rtr_id"] = "7", ["vrrp.prio"] = "255", ["vrrp.addr_count"] = "1", ["vrrp.short_adver_int"] = "100", ["vrrp.ip_addr"] = "192.0.2.1", ["vrrp.checksum"] = "0x6af7", ["vrrp.checksum.status"] = Good, ["ip.ttl"] = "255" });
        AssertFields(rows[1], new() { ["vrrp.version"] = "3", ["vrrp.virt_rtr_id"] = "9", ["vrrp.prio"] = "150", ["vrrp.addr_count"] = "2", ["vrrp.short_adver_int"] = "50", ["vrrp.ipv6_addr"] = "2001:db8::1,fe80::1", ["vrrp.checksum.status"] = Good, ["ipv6.hlim"] = "255" });
    }

    [Test]
    public void Tshark_verifies_our_v3_RFC9568_checksum_only_when_told_it_is_computed_as_in_v2()
    {
        Advertisement v4 = new(VrrpVersion.V3, 7, 255, Duration.FromCentiseconds(100), [IPAddress.Parse("192.0.2.1")]);
        string pcap = Write((v4, TestAddresses.Source, TestAddresses.Group, V3ChecksumForm.MessageOnly));

        Dictionary<string, string> asInV2 = Dissect(pcap, v3ChecksumAsInV2: true).Single();
        Dictionary<string, string> withPseudoHeader = Dissect(pcap, v3ChecksumAsInV2: false).Single();

        AssertFields(asInV2, new() { ["vrrp.version"] = "3", ["vrrp.virt_rtr_id"] = "7", ["vrrp.short_adver_int"] = "100", ["vrrp.checksum"] = "0x0d91", ["vrrp.checksum.status"] = Good });
        Assert.That(withPseudoHeader["vrrp.checksum.status"], Is.Not.EqualTo(Good), "the oracle tells the two forms apart");
    }

    private static void AssertFields(Dictionary<string, string> actual, Dictionary<string, string> expected)
    {
        Assert.Multiple(() =>
        {
            foreach ((string field, string value) in expected)
            {
                Assert.That(actual.GetValueOrDefault(field), Is.EqualTo(value), field);
            }
        });
    }
}
