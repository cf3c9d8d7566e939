using YamlDotNet.RepresentationModel;

namespace VrrpLab.Cli.Tests.Explore;

/// <summary>
/// The two distributed runners shipped for <c>vrrplab explore</c> (docs/explore.md): the GitHub
/// Actions matrix workflow and the Kubernetes Indexed Job. Their structure is checked, then their
/// shell steps are run here as written (a dry run: one process per shard, the merge after), and the
/// merged result must equal the unsharded run's.
/// </summary>
public class RunnerFilesTests
{
    private const string Runs = "90";

    private static YamlMappingNode Load(string relative)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Workspace.Root, relative))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode n, params string[] path)
    {
        foreach (string key in path)
        {
            n = ((YamlMappingNode)n).Children[new YamlScalarNode(key)];
        }

        return n;
    }

    private static string S(YamlNode n, params string[] path) => ((YamlScalarNode)At(n, path)).Value!;

    /// <summary>The unsharded run's JUnit, from the same command line the runners split.</summary>
    private static string Unsharded(Workspace w, string target)
    {
        var (code, _, err) = w.Bash($"vrrplab explore {target} --runs {Runs} --seed 1 --out whole --junit whole/junit.xml > /dev/null", new Dictionary<string, string>());
        Assert.That(code, Is.EqualTo(0), err);
        return File.ReadAllText(Path.Combine(w.Dir, "whole", "junit.xml"));
    }

    [Test]
    public void The_github_actions_workflow_runs_one_shard_per_matrix_job_and_its_merge_equals_the_unsharded_run()
    {
        YamlMappingNode wf = Load(".github/workflows/explore.yml");
        int shards = int.Parse(S(wf, "env", "SHARDS"), System.Globalization.CultureInfo.InvariantCulture);
        var matrix = ((YamlSequenceNode)At(wf, "jobs", "shard", "strategy", "matrix", "shard")).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
        string target = S(wf, "on", "workflow_dispatch", "inputs", "target", "default");
        Assert.Multiple(() =>
        {
            Assert.That(matrix, Is.EqualTo(Enumerable.Range(0, shards).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            Assert.That(S(wf, "jobs", "shard", "env", "SHARD"), Is.EqualTo("${{ matrix.shard }}"));
            Assert.That(S(wf, "env", "TARGET"), Does.Contain("inputs.target").And.Contain(target));
            Assert.That(S(wf, "jobs", "merge", "needs"), Is.EqualTo("shard"), "the merge waits for every shard");
        });

        using var w = new Workspace("gha");
        var env = new Dictionary<string, string> { ["SHARDS"] = shards.ToString(System.Globalization.CultureInfo.InvariantCulture), ["TARGET"] = target, ["RUNS"] = Runs, ["SEED"] = "1" };
        foreach (string shard in matrix)
        {
            string job = Path.Combine(w.Dir, "job-" + shard);
            Directory.CreateDirectory(job);
            Directory.CreateSymbolicLink(Path.Combine(job, "scenarios"), Path.Combine(Workspace.Root, "scenarios"));
            Directory.CreateSymbolicLink(Path.Combine(job, "vrrplab-bin"), w.Bin);
            foreach (string script in RunSteps(At(wf, "jobs", "shard", "steps")))
            {
                var (code, _, err) = w.Bash(script, new Dictionary<string, string>(env) { ["SHARD"] = shard }, job);
                Assert.That(code, Is.EqualTo(0), $"shard {shard}: {script}\n{err}");
            }

            // actions/upload-artifact then download-artifact (pattern explore-shard-*): shards/explore-shard-N/.
            CopyDir(Path.Combine(job, "out", "shard-" + shard), Path.Combine(w.Dir, "shards", "explore-shard-" + shard));
        }

        foreach (string script in RunSteps(At(wf, "jobs", "merge", "steps")))
        {
            var (code, _, err) = w.Bash(script, env);
            Assert.That(code, Is.EqualTo(0), script + "\n" + err);
        }

        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(w.Dir, "merged", "junit.xml")), Is.EqualTo(Unsharded(w, target)));
            Assert.That(File.Exists(Path.Combine(w.Dir, "merged", "explore-result.json")), Is.True);
        });
    }

    [Test]
    public void The_kubernetes_indexed_job_runs_shard_i_in_pod_i_and_the_merged_logs_equal_the_unsharded_run()
    {
        YamlMappingNode job = Load("deploy/explore/job.yaml");
        YamlMappingNode container = (YamlMappingNode)((YamlSequenceNode)At(job, "spec", "template", "spec", "containers")).Children[0];
        var env = ((YamlSequenceNode)At(container, "env")).Children.Cast<YamlMappingNode>().ToDictionary(e => S(e, "name"), e => S(e, "value"));
        int completions = int.Parse(S(job, "spec", "completions"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That(S(job, "apiVersion"), Is.EqualTo("batch/v1"));
            Assert.That(S(job, "kind"), Is.EqualTo("Job"));
            Assert.That(S(job, "spec", "completionMode"), Is.EqualTo("Indexed"));
            Assert.That(S(job, "spec", "parallelism"), Is.EqualTo(S(job, "spec", "completions")));
            Assert.That(env["SHARDS"], Is.EqualTo(S(job, "spec", "completions")), "one pod per shard");
            Assert.That(S(job, "spec", "template", "spec", "restartPolicy"), Is.EqualTo("Never"));
            Assert.That(((YamlSequenceNode)At(container, "command")).Children.Select(c => ((YamlScalarNode)c).Value), Is.EqualTo(new[] { "bash", "-c" }));
        });

        string script = ((YamlScalarNode)((YamlSequenceNode)At(container, "args")).Children[0]).Value!;
        Assert.That(script, Does.Contain("$JOB_COMPLETION_INDEX/$SHARDS"));
        using var w = new Workspace("k8s");
        env["RUNS"] = Runs;
        for (int i = 0; i < completions; i++)
        {
            // Kubernetes sets JOB_COMPLETION_INDEX in each pod of an Indexed Job; `kubectl logs` is its stdout.
            var (code, stdout, err) = w.Bash(script, new Dictionary<string, string>(env) { ["JOB_COMPLETION_INDEX"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            Assert.That(code, Is.EqualTo(0), err);
            File.WriteAllText(Path.Combine(w.Dir, $"shard-{i}.json"), stdout);
        }

        var (mcode, _, merr) = w.Bash("vrrplab explore merge shard-*.json --out merged --junit merged/junit.xml", env);
        Assert.That(mcode, Is.EqualTo(0), merr);
        Assert.That(File.ReadAllText(Path.Combine(w.Dir, "merged", "junit.xml")), Is.EqualTo(Unsharded(w, env["TARGET"])));
    }

    /// <summary>The <c>run:</c> scripts of a job's steps, except the build (the test runs the CLI it was built with).</summary>
    private static IEnumerable<string> RunSteps(YamlNode steps) =>
        ((YamlSequenceNode)steps).Children.Cast<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey(new YamlScalarNode("run")) && !(s.Children.TryGetValue(new YamlScalarNode("name"), out YamlNode? n) && ((YamlScalarNode)n).Value == "Build vrrplab"))
            .Select(s => S(s, "run"));

    private static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from))
        {
            File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        }
    }
}
