using System.Text.Encodings.Web;
using System.Text.Json;
using VrrpLab.Sim.Checks;
using VrrpLab.Sim.Running;
using VrrpLab.Sim.Scenarios;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Cli.Run;

/// <summary><c>--format json</c>: one JSON document for scripts.</summary>
internal static class JsonReport
{
    public static void Write(RunOutcome outcome, TextWriter w)
    {
        using var stream = new MemoryStream();
        using (var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteNumber("passed", outcome.PassedCount);
            j.WriteNumber("failed", outcome.FailedCount);
            j.WriteNumber("invalid", outcome.Diagnostics.Where(d => d.IsError).Select(d => d.Location.File).Distinct().Count());
            j.WriteNumber("exit_code", outcome.ExitCode);
            j.WriteStartArray("scenarios");
            foreach (ScenarioResult r in outcome.Results)
            {
                j.WriteStartObject();
                j.WriteString("name", r.Scenario.Name);
                j.WriteString("file", r.Scenario.SourcePath);
                j.WriteNumber("seed", r.Seed);
                j.WriteString("result", r.Passed ? "pass" : "fail");
                j.WriteNumber("duration_us", r.Simulation.EndUs);
                j.WriteNumber("events", r.Simulation.EventsProcessed);
                j.WriteStartArray("expectations");
                foreach (Verdict v in r.Verdicts)
                {
                    j.WriteStartObject();
                    j.WriteString("check", v.Description);
                    j.WriteString("result", v.Passed ? "pass" : "fail");
                    j.WriteString("evidence", v.Evidence);
                    if (v.FocusUs is { } f)
                    {
                        j.WriteNumber("t_us", f);
                    }

                    if (v.FocusEndUs is { } end)
                    {
                        j.WriteNumber("t_end_us", end);
                    }

                    if (v.Expectation.Location is { } loc)
                    {
                        j.WriteString("location", loc.ToString());
                    }

                    j.WriteEndObject();
                }

                j.WriteEndArray();
                if (!r.Passed)
                {
                    j.WriteStringArray("timeline", FailureTimeline.Build(r).Select(line => line.Trim()));
                    j.WriteString("replay", ScenarioRunner.ReplayCommand(r));
                }

                j.WriteEndObject();
            }

            foreach ((Scenario s, string message) in outcome.Crashed)
            {
                j.WriteStartObject();
                j.WriteString("name", s.Name);
                j.WriteString("file", s.SourcePath);
                j.WriteString("result", "error");
                j.WriteString("error", message);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteStartArray("diagnostics");
            foreach (ScenarioDiagnostic d in outcome.Diagnostics)
            {
                j.WriteStartObject();
                j.WriteString("file", d.Location.File);
                j.WriteNumber("line", d.Location.Line);
                j.WriteNumber("column", d.Location.Column);
                j.WriteString("severity", d.IsError ? "error" : "warning");
                j.WriteString("message", d.Message);
                j.WriteEndObject();
            }

            j.WriteEndArray();
            j.WriteEndObject();
        }

        w.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
