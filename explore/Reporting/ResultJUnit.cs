using System.Text;
using System.Xml;
using System.Xml.Linq;
using VrrpLab.Explore.Running;
using VrrpLab.Sim.Checks.Properties;

namespace VrrpLab.Explore.Reporting;

/// <summary>
/// <c>--junit FILE</c>: one test case per property (failure = its shrunk counterexample, with the
/// timeline and the replay command). No timing attributes, so a merge writes the same bytes as the
/// unsharded run.
/// </summary>
public static class ResultJUnit
{
    /// <summary>The JUnit document.</summary>
    public static XDocument Build(ExploreResult r, string? outDir)
    {
        int failures = r.Outcomes.Count(o => !o.Held);
        var suite = new XElement("testsuite",
            new XAttribute("name", "vrrplab explore " + string.Join(" ", r.Inputs)),
            new XAttribute("tests", r.Outcomes.Length),
            new XAttribute("failures", failures),
            new XAttribute("errors", r.Errors > 0 ? 1 : 0),
            new XElement("properties",
                new XElement("property", new XAttribute("name", "seed"), new XAttribute("value", r.Seed)),
                new XElement("property", new XAttribute("name", "runs"), new XAttribute("value", r.Completed)),
                new XElement("property", new XAttribute("name", "fingerprint"), new XAttribute("value", r.Fingerprint))));
        foreach (PropertyOutcome o in r.Outcomes)
        {
            var tc = new XElement("testcase", new XAttribute("classname", "explore"), new XAttribute("name", o.Property));
            string statement = ClusterProperty.Find(o.Property)?.Statement ?? "";
            if (o.Held)
            {
                tc.Add(new XElement("system-out", $"{statement}\nheld in {r.Completed} runs"));
            }
            else
            {
                Counterexample? c = o.Counterexample;
                string path = c is null ? "" : outDir is null ? c.FileName : Path.Combine(outDir, c.FileName);
                string body = c is null
                    ? $"failed in {o.FailedRuns} runs"
                    : $"{statement}\nfailed in {o.FailedRuns} of {r.Completed} runs (first in run {c.Run}); shrunk to {c.Actions} actions\n\n"
                      + $"{c.Evidence}\n\ntimeline:\n{string.Join("\n", c.Timeline)}\n\nreplay: vrrplab run {path}";
                tc.Add(new XElement("failure", new XAttribute("message", c?.Evidence ?? "failed"), new XAttribute("type", "property"), body));
            }

            suite.Add(tc);
        }

        if (r.Errors > 0 && r.FirstError is { } e)
        {
            suite.Add(new XElement("testcase", new XAttribute("classname", "explore"), new XAttribute("name", "simulation"),
                new XElement("error", new XAttribute("message", $"run {e.Run}: {e.Message}"), $"{r.Errors} runs failed to simulate")));
        }

        var suites = new XElement("testsuites", new XAttribute("name", "vrrplab explore"),
            new XAttribute("tests", r.Outcomes.Length), new XAttribute("failures", failures), new XAttribute("errors", r.Errors > 0 ? 1 : 0), suite);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }

    /// <summary>Writes the document as UTF-8 without a byte-order mark.</summary>
    public static void Save(ExploreResult r, string? outDir, string file)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(file));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
        using XmlWriter writer = XmlWriter.Create(file, settings);
        Build(r, outDir).Save(writer);
    }
}
