using System.Text;
using VrrpLab.Config.Reading;

namespace VrrpLab.Config.Tests;

/// <summary>
/// The reader's keyword tables (<see cref="KeywordSchema"/>) are keepalived 2.2.7's: the real
/// <c>keepalived -t</c> knows every keyword of global_defs, vrrp_instance, vrrp_script and
/// vrrp_sync_group listed there, and the keywords the table leaves out are unknown to it too.
/// </summary>
[NonParallelizable]
public sealed class KeywordSchemaTests
{
    private static string Lines(KeywordNode parent, IEnumerable<string> skip) =>
        string.Concat(parent.Children.Values.Where(k => !skip.Contains(k.Name)).OrderBy(k => k.Name, StringComparer.Ordinal).Select(k =>
            k.Shape == KeywordShape.Plain ? $" {k.Name} 1\n" : $" {k.Name} {{\n }}\n"));

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Keepalived_knows_every_keyword_of_the_tables_and_none_they_leave_out()
    {
        var text = new StringBuilder();
        text.Append("global_defs {\n").Append(Lines(KeywordSchema.Root["global_defs"], [])).Append(" linkbeat_use_polling\n vrrp_ipsets 1\n}\n");
        text.Append("vrrp_script s {\n").Append(Lines(KeywordSchema.Root["vrrp_script"], [])).Append("}\n");
        text.Append("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n")
            .Append(Lines(KeywordSchema.Root["vrrp_instance"], ["interface", "virtual_router_id"])).Append(" linkbeat_use_polling\n}\n");
        text.Append("vrrp_sync_group g {\n").Append(Lines(KeywordSchema.Root["vrrp_sync_group"], [])).Append("}\n");
        string file = Path.Combine(Path.GetTempPath(), $"vrrplab-keywords-{Environment.ProcessId}.conf");
        File.WriteAllText(file, text.ToString());
        try
        {
            (int _, IReadOnlyList<string> messages) = KeepalivedConfigTest.Run(file, ["eth0"], null);
            string[] unknown = [.. messages.Where(m => m.StartsWith("Unknown keyword", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
            Assert.That(unknown, Is.EqualTo(new[] { "Unknown keyword 'linkbeat_use_polling'", "Unknown keyword 'vrrp_ipsets'" }), string.Join("\n", messages));
            Assert.That(KeywordSchema.Root["global_defs"].Children.ContainsKey("vrrp_ipsets"), Is.False);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void The_tables_have_every_vrrp_subset_keyword_the_reader_models()
    {
        string[] instance = ["state", "interface", "virtual_router_id", "priority", "advert_int", "version", "nopreempt", "preempt",
            "preempt_delay", "authentication", "virtual_ipaddress", "virtual_ipaddress_excluded", "track_script", "track_interface",
            "unicast_src_ip", "unicast_peer", "mcast_src_ip", "garp_master_delay", "garp_master_repeat", "garp_master_refresh",
            "lower_prio_no_advert", "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify"];
        Assert.Multiple(() =>
        {
            Assert.That(KeywordSchema.Root["vrrp_instance"].Children.Keys, Is.SupersetOf(instance));
            Assert.That(KeywordSchema.Root["vrrp_instance"].Children["track_interface"].Shape, Is.EqualTo(KeywordShape.ValueBlock));
            Assert.That(KeywordSchema.Root["vrrp_instance"].Children["authentication"].Shape, Is.EqualTo(KeywordShape.Block));
            Assert.That(KeywordSchema.Root["virtual_server"].Active, Is.False, "LVS is the checker process's: skipped by the VRRP process");
        });
    }
}
