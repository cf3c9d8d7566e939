using System.Collections.Immutable;
using System.Text.Json;
using VrrpLab.Config;
using VrrpLab.Config.Lint;

namespace VrrpLab.Cli.Check;

/// <summary>Prints <c>vrrplab check</c> results as text (for people) or one JSON document.</summary>
internal static class CheckReportWriter
{
    public const string SimulationMissing = "fault simulation not run: it is not available yet (it comes with the simulator)";

    public const string SingleFileNote =
        "note: one file given: the cross-host checks (VRID, advert_int, version, authentication, VIP lists, priorities, unicast peers) need the file of every host";

    public static void WriteInputErrorsText(TextWriter stderr, IEnumerable<ConfigDiagnostic> errors)
    {
        foreach (ConfigDiagnostic d in errors)
        {
            stderr.WriteLine(d.ToString());
        }
    }

    public static void WriteText(
        TextWriter w, IReadOnlyList<string> files, ImmutableArray<LintFinding> findings, ImmutableArray<FaultVerdict>? faults)
    {
        foreach (LintFinding f in findings)
        {
            w.WriteLine(f.ToString());
            w.WriteLine($"    consequence: {f.Consequence}");
        }

        int errors = findings.Count(f => f.Severity == DiagnosticSeverity.Error);
        int warnings = findings.Count(f => f.Severity == DiagnosticSeverity.Warning);
        int notices = findings.Count(f => f.Severity == DiagnosticSeverity.Notice);
        if (faults is { } verdicts)
        {
            foreach (FaultVerdict v in verdicts)
            {
                w.WriteLine($"fault {(v.Passed ? "ok  " : "FAIL")} {v.Fault}: {v.Evidence}");
            }
        }
        else
        {
            w.WriteLine(SimulationMissing);
        }

        if (files.Count == 1)
        {
            w.WriteLine(SingleFileNote);
        }

        w.WriteLine($"checked {files.Count} file(s): {errors} error(s), {warnings} warning(s), {notices} notice(s)");
    }

    public static void WriteJson(
        TextWriter w,
        IReadOnlyList<string> files,
        IEnumerable<ConfigDiagnostic> inputErrors,
        ImmutableArray<LintFinding> findings,
        ImmutableArray<FaultVerdict>? faults,
        int exitCode)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("files");
            foreach (string f in files)
            {
                json.WriteStringValue(f);
            }

            json.WriteEndArray();
            json.WriteBoolean("crossHostChecks", files.Count > 1);
            json.WriteStartArray("inputErrors");
            foreach (ConfigDiagnostic d in inputErrors)
            {
                json.WriteStartObject();
                json.WriteString("file", d.File);
                json.WriteNumber("line", d.Line);
                json.WriteNumber("column", d.Column);
                json.WriteString("message", d.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("findings");
            foreach (LintFinding f in findings)
            {
                json.WriteStartObject();
                json.WriteString("severity", ConfigDiagnostic.SeverityName(f.Severity));
                json.WriteString("file", f.Location.File);
                json.WriteNumber("line", f.Location.Line);
                json.WriteNumber("column", f.Location.Column);
                json.WriteString("rule", f.RuleId);
                json.WriteString("message", f.Message);
                json.WriteString("consequence", f.Consequence);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("errors", findings.Count(f => f.Severity == DiagnosticSeverity.Error));
            json.WriteNumber("warnings", findings.Count(f => f.Severity == DiagnosticSeverity.Warning));
            json.WriteNumber("notices", findings.Count(f => f.Severity == DiagnosticSeverity.Notice));
            json.WriteEndObject();
            json.WriteStartObject("faultSimulation");
            if (faults is { } verdicts)
            {
                json.WriteString("status", "run");
                json.WriteStartArray("verdicts");
                foreach (FaultVerdict v in verdicts)
                {
                    json.WriteStartObject();
                    json.WriteString("fault", v.Fault);
                    json.WriteBoolean("passed", v.Passed);
                    json.WriteString("evidence", v.Evidence);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }
            else
            {
                json.WriteString("status", "not-run");
                json.WriteString("reason", SimulationMissing);
            }

            json.WriteEndObject();
            json.WriteNumber("exitCode", exitCode);
            json.WriteEndObject();
        }

        w.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
