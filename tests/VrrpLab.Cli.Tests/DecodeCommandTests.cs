using VrrpLab.Cli.Tests.Decode;

namespace VrrpLab.Cli.Tests;

/// <summary><c>vrrplab decode</c>: verdicts, exit codes 0/1/2, text and JSON output, captures.</summary>
public sealed class DecodeCommandTests : TempDirectoryTest
{
    private static (int Exit, string Out, string Err) Run(params string[] args) => CliRun.Execute(["decode", .. args]);

    private string WriteFile(string name, byte[] bytes)
    {
        string path = Path.Combine(TempDir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string VerdictLine(string output, string check) =>
        Lines(output).Single(l => l.StartsWith(check + " ", StringComparison.Ordinal));

    [Test]
    public void The_domain_v2_golden_vector_decodes_as_a_valid_advert_like_tcpdump_prints_it()
    {
        (int exit, string output, string err) = Run(TestCapture.GoldenV2);

        Assert.That(exit, Is.Zero, err);
        Assert.That(Lines(output)[0], Is.EqualTo("VRRPv2, Advertisement, vrid 7, prio 100, authtype none, intvl 1s, length 20, addrs: 192.0.2.1"));
        Assert.That(VerdictLine(output, "checksum"), Does.Contain("pass").And.Contain("0xb8f4"));
        Assert.That(VerdictLine(output, "interval"), Does.Contain("pass").And.Contain("1s"));
        Assert.That(Lines(output), Does.Contain("=> valid"));
    }

    [Test]
    public void Text_written_anywhere_but_a_terminal_has_no_colour_codes()
    {
        (_, string output, _) = Run("3107ff0100646af7c0000200", "--src", "192.0.2.10");
        Assert.That(output, Does.Contain("FAIL"));
        Assert.That(output, Does.Not.Contain("\u001b["));
    }

    [Test]
    public void Hex_may_be_split_by_spaces_colons_or_across_arguments()
    {
        string colons = string.Join(':', Enumerable.Range(0, TestCapture.GoldenV2.Length / 2).Select(i => TestCapture.GoldenV2.Substring(i * 2, 2)));
        string expected = Run(TestCapture.GoldenV2).Out;

        Assert.That(Run(colons).Out, Is.EqualTo(expected));
        Assert.That(Run(TestCapture.GoldenV2[..24], TestCapture.GoldenV2[24..]).Out, Is.EqualTo(expected));
        Assert.That(Run("0x" + TestCapture.GoldenV2.ToUpperInvariant()).Out, Is.EqualTo(expected));
    }

    [TestCase("21076g", "'g' at character 6")]
    [TestCase("2107640", "odd number of hex digits")]
    [TestCase(":::", "no hex digits")]
    public void Bad_hex_exits_2_naming_the_argument_and_position_without_a_stack_trace(string hex, string message)
    {
        (int exit, string output, string err) = Run(hex);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(err, Does.StartWith("vrrplab decode: HEX: ").And.Contain(message));
        Assert.That(err, Does.Not.Contain("   at "));
    }

    [Test]
    public void No_input_and_bad_options_exit_2_naming_the_option()
    {
        Assert.That(Run().Exit, Is.EqualTo(2));
        (int exit, _, string err) = Run(TestCapture.GoldenV2, "--src", "300.1.1.1");
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain("--src"));
        Assert.That(Run(TestCapture.GoldenV2, "--format", "xml").Err, Does.Contain("--format"));
        Assert.That(Run(TestCapture.GoldenV2, "--src", "192.0.2.10", "--dst", "ff02::12").Exit, Is.EqualTo(2));
    }

    [Test]
    public void A_bare_v3_message_without_src_reports_the_pseudo_header_checksum_as_unknown_and_exits_0()
    {
        (int exit, string output, _) = Run(TestCapture.GoldenV3PseudoHeader);

        Assert.That(exit, Is.Zero);
        Assert.That(VerdictLine(output, "checksum"), Does.Contain("unknown").And.Contain("needs --src"));
        Assert.That(VerdictLine(output, "checksum-v3-rfc9568"), Does.Contain("does not verify"));
        Assert.That(Lines(output).Last(), Does.StartWith("=> valid as far as checked"));
    }

    [Test]
    public void A_v3_message_with_src_verifies_the_pseudo_header_form_and_a_wrong_src_fails_it()
    {
        (int exit, string output, _) = Run(TestCapture.GoldenV3PseudoHeader, "--src", "192.0.2.10");
        Assert.That(exit, Is.Zero);
        Assert.That(VerdictLine(output, "checksum"), Does.Contain("pass").And.Contain("pseudo-header"));

        (int wrongExit, string wrong, _) = Run(TestCapture.GoldenV3PseudoHeader, "--src", "192.0.2.99");
        Assert.That(wrongExit, Is.EqualTo(1));
        Assert.That(VerdictLine(wrong, "checksum"), Does.Contain("FAIL").And.Contain("neither form"));
        Assert.That(Lines(wrong).Last(), Is.EqualTo("=> invalid: a receiver drops it (BadChecksum)"));
    }

    [Test]
    public void The_v3_RFC9568_form_verifies_without_src()
    {
        (int exit, string output, _) = Run("3107ff0100640d91c0000201");
        Assert.That(exit, Is.Zero);
        Assert.That(VerdictLine(output, "checksum"), Does.Contain("pass").And.Contain("RFC 9568"));
        Assert.That(Lines(output).Last(), Is.EqualTo("=> valid"));
    }

    [Test]
    public void A_whole_IPv4_packet_is_detected_and_its_TTL_and_addresses_used()
    {
        string hex = Convert.ToHexStringLower(TestCapture.SeedPacket());

        (int exit, string output, _) = Run(hex);

        Assert.That(exit, Is.Zero);
        Assert.That(Lines(output)[0], Is.EqualTo("IP 192.0.2.10 > 224.0.0.18: VRRPv2, Advertisement, vrid 151, prio 100, authtype simple, intvl 5s, length 20, addrs: 192.168.179.199 auth \"1111\""));
        Assert.That(VerdictLine(output, "ttl"), Does.Contain("pass").And.Contain("255"));
        Assert.That(VerdictLine(output, "ip-header"), Does.Contain("pass"));
    }

    [Test]
    public void A_whole_IPv6_packet_is_detected_and_its_hop_limit_and_pseudo_header_checksum_checked()
    {
        var src = System.Net.IPAddress.Parse("fe80::a");
        var dst = System.Net.IPAddress.Parse("ff02::12");
        var advert = new Engine.Wire.Advertisement(Engine.Configuration.VrrpVersion.V3, 9, 150, Engine.Time.Duration.FromCentiseconds(50),
            [System.Net.IPAddress.Parse("2001:db8::1")]);
        byte[] message = Engine.Wire.AdvertisementCodec.Encode(advert, src, dst, Engine.Configuration.V3ChecksumForm.PseudoHeader);
        byte[] packet = new byte[40 + message.Length];
        Engine.Wire.Ipv6Header.Write(packet, src, dst, message.Length);
        message.CopyTo(packet, 40);

        (int exit, string output, _) = Run(Convert.ToHexStringLower(packet));

        Assert.That(exit, Is.Zero);
        Assert.That(Lines(output)[0], Is.EqualTo("IP6 fe80::a > ff02::12: VRRPv3, Advertisement, vrid 9, prio 150, intvl 50cs, length 24, addrs: 2001:db8::1"));
        Assert.That(VerdictLine(output, "hop-limit"), Does.Contain("pass"));
        Assert.That(VerdictLine(output, "checksum"), Does.Contain("pass").And.Contain("IPv6 pseudo-header"));
        Assert.That(Lines(output).Last(), Is.EqualTo("=> valid"));
    }

    [Test]
    public void A_whole_Ethernet_frame_copied_from_Wireshark_is_unwrapped_to_its_IP_packet()
    {
        byte[] frame = [0x01, 0x00, 0x5e, 0x00, 0x00, 0x12, 0x00, 0x00, 0x5e, 0x00, 0x01, 0x97, 0x08, 0x00, .. TestCapture.SeedPacket()];

        (int exit, string output, _) = Run(Convert.ToHexStringLower(frame));

        Assert.That(exit, Is.Zero);
        Assert.That(Lines(output)[0], Does.StartWith("IP 192.0.2.10 > 224.0.0.18: VRRPv2, Advertisement, vrid 151"));
        Assert.That(Lines(output).Last(), Is.EqualTo("=> valid"));
    }

    [Test]
    public void A_multicast_advert_with_TTL_254_fails_the_TTL_check_and_exits_1()
    {
        (int exit, string output, _) = Run(Convert.ToHexStringLower(TestCapture.SeedPacket(ttl: 254)));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(VerdictLine(output, "ttl"), Does.Contain("FAIL").And.Contain("254"));
        Assert.That(Lines(output).Last(), Is.EqualTo("=> invalid: a receiver drops it (BadTtl)"));
    }

    [Test]
    public void A_unicast_advert_with_TTL_64_is_not_judged_on_TTL_as_keepalived_does_with_unicast_peers()
    {
        byte[] message = Convert.FromHexString(TestCapture.GoldenV2);
        byte[] packet = TestCapture.Ipv4Packet(message, ttl: 64, destination: System.Net.IPAddress.Parse("192.0.2.11"));

        (int exit, string output, _) = Run(Convert.ToHexStringLower(packet));

        Assert.That(exit, Is.Zero);
        Assert.That(VerdictLine(output, "ttl"), Does.Contain("info").And.Contain("not checked for unicast"));
    }

    [Test]
    public void A_corrupted_IPv4_header_checksum_fails_the_ip_header_check()
    {
        byte[] packet = TestCapture.SeedPacket();
        packet[10] ^= 0xFF;

        (int exit, string output, _) = Run(Convert.ToHexStringLower(packet));

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(VerdictLine(output, "ip-header"), Does.Contain("FAIL"));
        Assert.That(Lines(output).Last(), Does.Contain("BadIpHeader"));
    }

    private const string SeedAdvertHex = "219764010105a28fc0a8b3c7" + "3131313100000000";

    [Test]
    public void Against_the_seed_backups_own_configuration_the_seed_advert_is_accepted()
    {
        (int exit, string output, _) = Run(SeedAdvertHex, "--vrrp-version", "2", "--auth-pass", "1111", "--advert-int", "5");

        Assert.That(exit, Is.Zero);
        Assert.That(VerdictLine(output, "auth-type"), Does.Contain("pass"));
        Assert.That(VerdictLine(output, "auth-pass"), Does.Contain("pass"));
        Assert.That(VerdictLine(output, "interval-match"), Does.Contain("pass"));
        Assert.That(Lines(output).Last(), Is.EqualTo("=> valid"));
    }

    [Test]
    public void A_receiver_with_another_password_and_advert_int_drops_it_for_the_password_first_as_keepalived_does()
    {
        (int exit, string output, _) = Run(SeedAdvertHex, "--auth-pass", "1112", "--advert-int", "1");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(VerdictLine(output, "auth-pass"), Does.Contain("FAIL").And.Contain("\"1112\""));
        Assert.That(VerdictLine(output, "interval-match"), Does.Contain("FAIL").And.Contain("advertisement interval mismatch"));
        Assert.That(Lines(output).Last(), Is.EqualTo("=> invalid: a receiver drops it (AuthFailure)"));
    }

    [Test]
    public void A_receiver_without_auth_drops_a_PASS_advert_as_an_auth_type_mismatch()
    {
        (int exit, string output, _) = Run(SeedAdvertHex, "--no-auth");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(VerdictLine(output, "auth-type"), Does.Contain("FAIL").And.Contain("the receiver uses none"));
        Assert.That(Lines(output).Last(), Does.EndWith("(AuthTypeMismatch)"));
    }

    [Test]
    public void A_v3_receiver_drops_a_v2_advert_as_BadVersion()
    {
        (int exit, string output, _) = Run(SeedAdvertHex, "--vrrp-version", "3");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(VerdictLine(output, "version"), Does.Contain("FAIL").And.Contain("the receiver runs VRRPv3"));
    }

    [TestCase("--vrrp-version", "4")]
    [TestCase("--advert-int", "1.5")]
    [TestCase("--advert-int", "0")]
    public void Bad_receiver_options_exit_2_naming_the_option(string option, string value)
    {
        (int exit, _, string err) = Run(SeedAdvertHex, option, value);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain(option));
    }

    [Test]
    public void Json_output_is_one_document_with_fields_verdicts_and_the_drop_reason()
    {
        byte[] message = Convert.FromHexString(TestCapture.GoldenV2);
        message[1] = 0; // VRID 0, checksum now wrong too: the first failure in keepalived's order is the checksum
        (int exit, string output, _) = Run(Convert.ToHexStringLower(message), "--format", "json");

        Assert.That(exit, Is.EqualTo(1));
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement packet = doc.RootElement.GetProperty("packets")[0];
        Assert.That(packet.GetProperty("vrrp").GetProperty("vrid").GetInt32(), Is.Zero);
        Assert.That(packet.GetProperty("vrrp").GetProperty("addresses")[0].GetString(), Is.EqualTo("192.0.2.1"));
        Assert.That(packet.GetProperty("reason").GetString(), Is.EqualTo("BadChecksum"));
        string[] failed = [.. packet.GetProperty("verdicts").EnumerateArray()
            .Where(v => v.GetProperty("outcome").GetString() == "fail").Select(v => v.GetProperty("check").GetString()!)];
        Assert.That(failed, Is.EquivalentTo(new[] { "checksum", "vrid" }));
        Assert.That(doc.RootElement.GetProperty("summary").GetProperty("invalid").GetInt32(), Is.EqualTo(1));
    }

    [TestCase("keepalived-2.2.7-v2-pass-and-v3.pcap")]
    [TestCase("keepalived-2.2.7-v2-pass-and-v3.pcapng")]
    public void Keepalived_2_2_7s_own_adverts_captured_by_tcpdump_all_decode_as_valid(string file)
    {
        (int exit, string output, string err) = Run("--pcap", TestCapture.CheckedIn(file));

        Assert.That(exit, Is.Zero, err);
        string[] lines = Lines(output);
        Assert.That(lines.Last(), Is.EqualTo("15 VRRP packet(s): 15 valid, 0 invalid"));
        Assert.That(lines.Count(l => l.Contains("VRRPv2, Advertisement, vrid 151, prio 100, authtype simple, intvl 1s, length 20, addrs: 192.0.2.199 auth \"1111\"", StringComparison.Ordinal)), Is.EqualTo(4));
        Assert.That(lines.Count(l => l.Contains("VRRPv3, Advertisement, vrid 7, prio 200, intvl 50cs, length 12, addrs: 192.0.2.1", StringComparison.Ordinal)), Is.EqualTo(11));
        Assert.That(lines.First(), Does.StartWith("#1 2026-11-25T17:22:").And.Contain("IP 192.0.2.10 > 224.0.0.18: VRRPv3"));
        Assert.That(lines.Where(l => l.StartsWith("checksum ", StringComparison.Ordinal)), Has.All.Contains("pass"));
    }

    [TestCase(1, TestName = "Pcap_with_Ethernet_link_type_decodes_and_skips_non_VRRP_frames")]
    [TestCase(113, TestName = "Pcap_with_Linux_cooked_SLL_link_type_decodes_and_skips_non_VRRP_frames")]
    [TestCase(276, TestName = "Pcap_with_Linux_cooked_SLL2_link_type_decodes_and_skips_non_VRRP_frames")]
    [TestCase(101, TestName = "Pcap_with_raw_IP_link_type_decodes_and_skips_non_VRRP_frames")]
    public void Capture_link_types(int linkType)
    {
        byte[] udp = TestCapture.Ipv4Packet(new byte[12]);
        udp[9] = 17;
        var capture = new TestCapture(linkType).Add(TestCapture.SeedPacket()).Add(udp).Add(TestCapture.SeedPacket(ttl: 1));
        if (linkType != 101)
        {
            capture.Add(new byte[28], etherType: 0x0806);
        }

        (int exit, string output, _) = Run("--pcap", WriteFile("c.pcap", capture.ToBytes()));

        Assert.That(exit, Is.EqualTo(1), "the TTL-1 packet fails");
        string[] lines = Lines(output);
        Assert.That(lines[0], Does.StartWith("#1 2023-11-14T22:13:20.250000Z IP 192.0.2.10 > 224.0.0.18: VRRPv2, Advertisement, vrid 151"));
        Assert.That(lines.Count(l => l.StartsWith("#3 ", StringComparison.Ordinal)), Is.EqualTo(1), "record numbers count skipped frames too");
        Assert.That(lines.Last(), Does.StartWith("2 VRRP packet(s): 1 valid, 1 invalid").And.Contain($"{(linkType == 101 ? 1 : 2)} other frame(s) skipped"));
    }

    [Test]
    public void An_unreadable_capture_exits_2_naming_the_file()
    {
        string missing = Path.Combine(TempDir, "missing.pcap");
        (int exit, _, string err) = Run("--pcap", missing);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain(missing));

        string garbage = WriteFile("garbage.pcap", "not a capture"u8.ToArray());
        (exit, _, err) = Run("--pcap", garbage);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain(garbage).And.Contain("not a pcap"));
    }

    [Test]
    public void A_truncated_capture_record_exits_2_naming_the_file_and_offset()
    {
        byte[] whole = new TestCapture(101).Add(TestCapture.SeedPacket()).ToBytes();
        string path = WriteFile("cut.pcap", whole[..^5]);

        (int exit, _, string err) = Run("--pcap", path);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(err, Does.Contain(path).And.Contain("record 1 at byte 24"));
        Assert.That(err, Does.Not.Contain("   at "));
    }

    [Test]
    public void Src_and_dst_do_not_apply_to_captures() =>
        Assert.That(Run("--pcap", "x.pcap", "--src", "192.0.2.1").Exit, Is.EqualTo(2));
}
