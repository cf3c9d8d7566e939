using FsCheck;
using FsCheck.Fluent;

namespace VrrpLab.Config.Tests;

/// <summary>
/// Fuzz-style properties: random token soups and mutated corpus files never make the reader throw
/// (or hit its internal-error guard), and every diagnostic points inside the text it was given.
/// </summary>
public class ReaderFuzzTests
{
    private static readonly string[] Vocabulary =
    [
        "{", "}", "{ }", "\"", "\"quoted word\"", "#", "!", "\n", "\n", "\n", " ", "\t", "include", "include *.conf",
        "vrrp_instance", "VI_1", "vrrp_script", "vrrp_sync_group", "group", "global_defs", "virtual_server",
        "state", "MASTER", "BACKUP", "interface", "eth0", "virtual_router_id", "51", "300", "0", "-5", "priority",
        "255", "100", "advert_int", "1.5", "0.001", "9999999999999999999999", "version", "3", "2", "nopreempt",
        "preempt_delay", "authentication", "auth_type", "PASS", "AH", "auth_pass", "0123456789abcdef",
        "virtual_ipaddress", "10.0.0.1/24", "fe80::1", "2001:db8::1/200", "dev", "label", "scope", "track_script",
        "chk", "weight", "-20", "track_interface", "unicast_peer", "unicast_src_ip", "10.0.0.2", "script",
        "interval", "timeout", "rise", "fall", "init_fail", "notify_master", "/bin/true", "garp_master_delay",
        "vrrp_version", "enable_script_security", "script_user", "root", "日本語", "\u0000", "\r\n",
    ];

    private static Arbitrary<string> Soup() =>
        Gen.ListOf(Gen.Elements(Vocabulary)).Select(parts => string.Join(" ", parts)).ToArbitrary();

    private static bool Sane(ConfigReadResult r, string text, string file, int lineOffset, int columnOffset)
    {
        int lines = text.Split('\n').Length;
        bool positionsValid = r.Diagnostics.All(d =>
            d.File != file || (d.Line >= 1 + lineOffset && d.Line <= lines + lineOffset && d.Column >= 1 + columnOffset));
        bool noInternalError = !r.Diagnostics.Any(d => d.Message.StartsWith("internal error", StringComparison.Ordinal));
        bool configIffNoErrors = (r.Config is null) == r.HasErrors;
        bool sourceMatches = r.Config is null
            || (r.Source.Instances.Length == r.Config.Instances.Length && r.Source.Scripts.Length == r.Config.Scripts.Length);
        return positionsValid && noInternalError && configIffNoErrors && sourceMatches;
    }

    [FsProperty(MaxTest = 500)]
    public Property Random_token_soups_never_throw_and_report_valid_positions() =>
        Prop.ForAll(Soup(), Gen.Choose(0, 50).ToArbitrary(), (text, offset) =>
        {
            var fs = new InMemoryConfigFileSystem().Add("/k/a.conf", text).Add("/k/b.conf", "include a.conf\n" + text);
            ConfigReadResult r = KeepalivedConfigReader.Parse(text, "/k/main.conf", fs, offset, offset / 2);
            return Sane(r, text, "/k/main.conf", offset, offset / 2);
        });

    [FsProperty(MaxTest = 300)]
    public Property Mutated_corpus_files_never_throw_and_report_valid_positions()
    {
        string[] corpus = CorpusFiles.TopLevel().Select(CorpusFiles.Text).ToArray();
        Gen<string> mutated =
            from source in Gen.Elements(corpus)
            from edits in Gen.ListOf(
                from kind in Gen.Choose(0, 3)
                from position in Gen.Choose(0, 100_000)
                from token in Gen.Elements(Vocabulary)
                select (kind, position, token))
            select Mutate(source, edits);
        return Prop.ForAll(mutated.ToArbitrary(), text =>
        {
            ConfigReadResult r = KeepalivedConfigReader.Parse(text, "mutant.conf", new InMemoryConfigFileSystem());
            return Sane(r, text, "mutant.conf", 0, 0);
        });
    }

    private static string Mutate(string text, IEnumerable<(int Kind, int Position, string Token)> edits)
    {
        foreach ((int kind, int position, string token) in edits)
        {
            if (text.Length == 0)
            {
                text = token;
                continue;
            }

            int at = position % text.Length;
            text = kind switch
            {
                0 => text.Remove(at, Math.Min(1 + (position % 7), text.Length - at)),
                1 => text.Insert(at, token),
                2 => text.Insert(at, text[at..Math.Min(text.Length, at + 40)]),
                _ => text[..at] + token + text[Math.Min(text.Length, at + token.Length)..],
            };
        }

        return text;
    }

    [Test]
    public void Deeply_nested_braces_are_read_flat_as_keepalived_does_not_a_stack_overflow()
    {
        // keepalived only descends into the blocks of keywords it knows: 100,000 bare braces are
        // "Unexpected '{'" and "Unknown keyword '}'" lines at the top level, balanced (no error).
        string text = new string('{', 100_000) + new string('}', 100_000);
        ConfigReadResult r = KeepalivedConfigReader.Parse(text, "deep.conf", null);
        Assert.Multiple(() =>
        {
            Assert.That(r.HasErrors, Is.False);
            Assert.That(r.Diagnostics.Count(d => d.Message == "Unexpected '{' - ignoring"), Is.EqualTo(100_000));
            Assert.That(r.Diagnostics.Count(d => d.Message == "Unknown keyword '}'"), Is.EqualTo(100_000));
        });
    }
}
