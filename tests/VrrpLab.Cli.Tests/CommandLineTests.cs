using System.CommandLine;
using System.Diagnostics;

namespace VrrpLab.Cli.Tests;

/// <summary>
/// The command line as a whole (System.CommandLine): every verb's help lists every option it parses,
/// usage errors are one line naming the option with a hint to --help (exit 2), response files, and
/// the shells' completions.
/// </summary>
public class CommandLineTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args) => CliRun.Execute(args);

    private static IEnumerable<Verb> AllVerbs() => CommandLine.Verbs().SelectMany(v => v.SelfAndSubVerbs);

    private static string[] PathOf(Verb verb) =>
        [.. verb.Command.Parents.OfType<Command>().Select(c => c.Name), verb.Name];

    private static IEnumerable<string> Verbs() => AllVerbs().Select(v => string.Join(' ', PathOf(v)));

    private static Verb Find(string[] path) => AllVerbs().Single(v => PathOf(v).SequenceEqual(path));

    [TestCaseSource(nameof(Verbs))]
    public void Every_verb_has_help_that_names_its_usage_and_every_option_it_parses(string verbPath)
    {
        string[] path = verbPath.Split(' ');
        (int code, string stdout, string stderr) = Cli([.. path, "--help"]);
        Verb verb = Find(path);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Zero, stderr);
            Assert.That(stdout, Does.Contain("vrrplab " + string.Join(' ', path)).And.Contain("usage: "));
            Assert.That(stdout, Is.EqualTo(verb.Help + Environment.NewLine), "the help is the verb's own text");
            foreach (Option option in verb.Command.Options.Where(o => !o.Hidden && o.Name != "--help"))
            {
                Assert.That(stdout, Does.Match("(?m)^  " + System.Text.RegularExpressions.Regex.Escape(option.Name) + "[ \n]"), $"{option.Name} has a row in the help");
            }

            Assert.That(Cli([.. path, "-h"]).Out, Is.EqualTo(stdout), "-h is --help");
        });
    }

    [TestCaseSource(nameof(Verbs))]
    public void An_unknown_option_is_one_line_naming_it_with_a_hint_to_help_and_exit_2(string verbPath)
    {
        string[] path = verbPath.Split(' ');
        (int code, string stdout, string stderr) = Cli([.. path, "--no-such-option", "1"]);
        string verb = "vrrplab " + string.Join(' ', path);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.EqualTo(2));
            Assert.That(stdout, Is.Empty);
            Assert.That(stderr, Is.EqualTo($"{verb}: unknown option '--no-such-option'{Environment.NewLine}Try '{verb} --help'.{Environment.NewLine}"));
        });
    }

    [TestCase("run", "x.yaml", "--seed", ExpectedResult = "vrrplab run: option --seed needs a value")]
    [TestCase("run", "x.yaml", "--format", "xml", ExpectedResult = "vrrplab run: option --format must be one of text, json (got 'xml')")]
    [TestCase("check", "a.conf", "--depth", "3", ExpectedResult = "vrrplab check: option --depth must be one of 1, 2 (got '3')")]
    [TestCase("explore", "a.conf", "--runs", "many", ExpectedResult = "vrrplab explore: option --runs needs a whole number (got 'many')")]
    [TestCase("explore", "a.conf", "--runs", "0", ExpectedResult = "vrrplab explore: option --runs needs a whole number of at least 1 (got '0')")]
    [TestCase("explore", "a.conf", "--shard", "4/4", ExpectedResult = "vrrplab explore: option --shard: '4/4': I must be 0..N-1 and N at least 1")]
    [TestCase("explore", "a.conf", "--faults", "crash,meteor", ExpectedResult = "vrrplab explore: option --faults: unknown fault 'meteor' (known: crash, stop, kill, restart, script, link, partition, loss, latency, pause, drift, flood)")]
    [TestCase("explore", "a.conf", "--property", "no_such", ExpectedResult = "vrrplab explore: option --property: unknown property 'no_such' (known: one_master_when_quiet, vip_only_on_master, master_within_bound, nopreempt_respected, no_flapping, outage_within_bound)")]
    [TestCase("explore", "a.conf", "--duration", "5s", ExpectedResult = "vrrplab explore: option --duration must be from 10s to 24h (got '5s')")]
    [TestCase("explore", "a.conf", "--seed", "-1", ExpectedResult = "vrrplab explore: option --seed needs a whole number from 0 to 18446744073709551615 (got '-1')")]
    [TestCase("explore", "merge", "--out", ExpectedResult = "vrrplab explore merge: option --out needs a value")]
    [TestCase("lab", "x.yaml", "--impl", "bird", ExpectedResult = "vrrplab lab: option --impl: 'bird' is not an implementation (keepalived, vrrplab) nor NODE=IMPL,...")]
    [TestCase("lab", "x.yaml", "--impl", "node1=vrrplab,node1=keepalived", ExpectedResult = "vrrplab lab: option --impl: node 'node1' is named twice")]
    [TestCase("lab", "x.yaml", "--tolerance", "fast", ExpectedResult = "vrrplab lab: option --tolerance: bad duration 'fast': expected a number and a unit (us, ms, s, m, h), e.g. 250us, 15ms, 1.5s, 2m, 1h")]
    [TestCase("lab", "x.yaml", "--repeat", "0", ExpectedResult = "vrrplab lab: option --repeat needs a whole number from 1 to 1000 (got '0')")]
    [TestCase("graph", "mermaid", ExpectedResult = "vrrplab graph: unexpected argument 'mermaid'")]
    [TestCase("daemon", "--log-format", "syslog", ExpectedResult = "vrrplab daemon: option --log-format must be one of keepalived, journal, precise (got 'syslog')")]
    [TestCase("decode", "--vrrp-version", "4", "00", ExpectedResult = "vrrplab decode: option --vrrp-version must be one of 2, 3 (got '4')")]
    public string Bad_values_are_one_line_naming_the_option(params string[] args)
    {
        (int code, _, string stderr) = Cli(args);
        Assert.That(code, Is.EqualTo(2));
        string[] lines = stderr.TrimEnd().Split(Environment.NewLine);
        Assert.That(lines, Has.Length.EqualTo(2), stderr);
        Assert.That(lines[1], Does.StartWith("Try 'vrrplab ").And.EndWith(" --help'."));
        return lines[0];
    }

    [Test]
    public void An_option_given_twice_keeps_the_last_value_and_a_double_dash_ends_the_options()
    {
        Assert.That(Cli("graph", "--format", "svg", "--format", "dot").Out, Does.StartWith("digraph"));
        (int code, _, string stderr) = Cli("run", "--", "--not-an-option.yaml");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--not-an-option.yaml: no such file or directory"), "after --, a path that starts with a dash is a path");
    }

    [Test]
    public void The_verb_list_the_version_and_unknown_verbs()
    {
        (int code, string stdout, _) = Cli("--help");
        Assert.That(code, Is.Zero);
        foreach (Verb verb in CommandLine.Verbs())
        {
            Assert.That(stdout, Does.Contain($"\n  {verb.Name,-10} {verb.Summary}\n"));
        }

        Assert.That(Cli("help").Out, Is.EqualTo(stdout));
        Assert.That(Cli("help", "graph").Out, Does.StartWith("usage: vrrplab graph"));
        Assert.That(Cli("--version").Out, Does.Match(@"^vrrplab \d+\.\d+\.\d+\.\d+\s*$"));
        (int none, _, string usage) = Cli();
        Assert.That((none, usage), Is.EqualTo((2, stdout)), "no verb: the list on stderr, exit 2");
        (int bad, string badOut, string badErr) = Cli("frobnicate");
        Assert.Multiple(() =>
        {
            Assert.That(bad, Is.EqualTo(2));
            Assert.That(badOut, Is.Empty);
            Assert.That(badErr, Does.StartWith("vrrplab: unknown verb 'frobnicate'" + Environment.NewLine + "usage: vrrplab VERB"));
        });
    }

    [Test]
    public void Arguments_can_come_from_a_response_file()
    {
        string file = Path.Combine(Path.GetTempPath(), $"vrrplab-args-{Environment.ProcessId}.txt");
        File.WriteAllText(file, "--format dot\n");
        try
        {
            (int code, string stdout, _) = Cli("graph", "@" + file);
            Assert.That(code, Is.Zero);
            Assert.That(stdout, Does.StartWith("digraph"));
        }
        finally
        {
            File.Delete(file);
        }

        (int missing, _, string err) = Cli("graph", "@" + file);
        Assert.That(missing, Is.EqualTo(2));
        Assert.That(err, Does.StartWith("vrrplab graph: ").And.Contain(file));
    }

    [TestCase("vrrplab ch", "check")]
    [TestCase("vrrplab run --format ", "json\ntext")]
    [TestCase("vrrplab check --depth ", "1\n2")]
    [TestCase("vrrplab lab x.yaml --impl ", "keepalived\nvrrplab")]
    [TestCase("vrrplab explore merge --format ", "json\ntext")]
    [TestCase("vrrplab completion ", "bash\nzsh")]
    public void Completions_come_from_the_parser_s_own_definitions(string line, string expected)
    {
        (int code, string stdout, _) = Cli($"[suggest:{line.Length}]", line);
        Assert.That(code, Is.Zero);
        Assert.That(stdout.TrimEnd().Split(Environment.NewLine), Is.SupersetOf(expected.Split('\n')));
    }

    [Test]
    public void Completions_list_every_option_of_a_verb()
    {
        string line = "vrrplab daemon --";
        string stdout = Cli($"[suggest:{line.Length}]", line).Out;
        Assert.That(stdout.Split(Environment.NewLine), Is.SupersetOf(new[] { "--config", "--instance", "--pid-file", "--log-format", "--packet-policy" }));
    }

    [TestCase("bash", "complete -o default -o bashdefault -F _vrrplab_complete vrrplab")]
    [TestCase("zsh", "compdef _vrrplab vrrplab")]
    public void Completion_prints_a_script_that_asks_vrrplab_for_suggestions(string shell, string registration)
    {
        (int code, string stdout, _) = Cli("completion", shell);
        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain(registration).And.Contain("[suggest:"));
    }

    [Test]
    public void The_bash_script_completes_through_a_real_bash()
    {
        // bash runs the script with a stand-in vrrplab that answers the suggest request through this process's own parser.
        string dir = Path.Combine(Path.GetTempPath(), $"vrrplab-completion-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        try
        {
            string line = "vrrplab run --format j";
            string suggestions = Cli($"[suggest:{line.Length}]", line).Out;
            File.WriteAllText(Path.Combine(dir, "answer"), suggestions);
            File.WriteAllText(Path.Combine(dir, "script.sh"), Cli("completion", "bash").Out);
            string driver = $$"""
                vrrplab() { printf '%s|' "$@" > {{dir}}/asked; cat {{dir}}/answer; }
                source {{dir}}/script.sh
                COMP_LINE='{{line}}'; COMP_POINT={{line.Length}}; COMP_WORDS=(vrrplab run --format j); COMP_CWORD=3
                _vrrplab_complete
                printf '%s\n' "${COMPREPLY[@]}"
                """;
            var start = new ProcessStartInfo("bash", ["--norc", "-c", driver]) { RedirectStandardOutput = true };
            using Process bash = Process.Start(start)!;
            string output = bash.StandardOutput.ReadToEnd();
            Assert.That(bash.WaitForExit(30_000), Is.True);
            Assert.That(output.Trim(), Is.EqualTo("json"));
            Assert.That(File.ReadAllText(Path.Combine(dir, "asked")).Trim(), Is.EqualTo($"[suggest:{line.Length}]|{line}|"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
