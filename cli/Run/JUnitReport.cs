using System.Globalization;
using System.Xml.Linq;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Running;
using VrrpLab.Sim.Scenarios;

namespace VrrpLab.Cli.Run;

/// <summary><c>--junit FILE</c>: JUnit XML, one test suite per scenario and one test case per expectation.</summary>
internal static class JUnitReport
{
    public static XDocument Build(RunOutcome outcome)
    {
        var suites = new XElement("testsuites", new XAttribute("name", "vrrplab run"));
        int tests = 0;
        int failures = 0;
        int errors = 0;
        foreach (ScenarioResult r in outcome.Results)
        {
            int f = r.Verdicts.Count(v => !v.Passed);
            var suite = new XElement("testsuite",
                new XAttribute("name", r.Scenario.Name),
                new XAttribute("tests", r.Verdicts.Length),
                new XAttribute("failures", f),
                new XAttribute("errors", 0),
                new XAttribute("file", r.Scenario.SourcePath ?? ""));
            suite.Add(new XElement("properties",
                new XElement("property", new XAttribute("name", "seed"), new XAttribute("value", r.Seed.ToString(CultureInfo.InvariantCulture))),
                new XElement("property", new XAttribute("name", "replay"), new XAttribute("value", ScenarioRunner.ReplayCommand(r)))));
            foreach (Verdict v in r.Verdicts)
            {
                var tc = new XElement("testcase", new XAttribute("classname", r.Scenario.Name), new XAttribute("name", v.Description));
                if (v.Passed)
                {
                    tc.Add(new XElement("system-out", v.Evidence));
                }
                else
                {
                    string body = v.Evidence + "\n\ntimeline:\n" + string.Join("\n", FailureTimeline.Build(r))
                        + $"\n\nseed: {r.Seed}\nreplay: {ScenarioRunner.ReplayCommand(r)}";
                    tc.Add(new XElement("failure", new XAttribute("message", v.Evidence), new XAttribute("type", "expectation"), body));
                }

                suite.Add(tc);
            }

            tests += r.Verdicts.Length;
            failures += f;
            suites.Add(suite);
        }

        foreach ((Scenario s, string message) in outcome.Crashed)
        {
            suites.Add(new XElement("testsuite", new XAttribute("name", s.Name), new XAttribute("tests", 1), new XAttribute("failures", 0), new XAttribute("errors", 1),
                new XElement("testcase", new XAttribute("classname", s.Name), new XAttribute("name", "simulation"),
                    new XElement("error", new XAttribute("message", message)))));
            tests++;
            errors++;
        }

        foreach (IGrouping<string, ScenarioDiagnostic> file in outcome.Diagnostics.Where(d => d.IsError).GroupBy(d => d.Location.File))
        {
            suites.Add(new XElement("testsuite", new XAttribute("name", file.Key), new XAttribute("tests", 1), new XAttribute("failures", 0), new XAttribute("errors", 1),
                new XElement("testcase", new XAttribute("classname", file.Key), new XAttribute("name", "load"),
                    new XElement("error", new XAttribute("message", file.First().ToString()), string.Join("\n", file.Select(d => d.ToString()))))));
            tests++;
            errors++;
        }

        suites.Add(new XAttribute("tests", tests), new XAttribute("failures", failures), new XAttribute("errors", errors));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), suites);
    }
}
