// Over 400 lines: the text and the JSON writer of one report stay side by side: every text line is a JSON field.
using System.Globalization;
using System.Text.Json;
using VrrpLab.Config;
using VrrpLab.Config.Lint;
using VrrpLab.Engine.Time;
using VrrpLab.Sim.Clusters;
using VrrpLab.Sim.Faults;
using VrrpLab.Sim.Tracing;

namespace VrrpLab.Cli.Check;

/// <summary>
/// Prints a <see cref="CheckReport"/> as text (for people) or as one JSON document
/// (schema/check.schema.json). Both carry the same facts: every fault line of the text is the
/// <c>line</c> field of its JSON entry.
/// </summary>
internal static class CheckReportWriter
{
    public const string SingleFileNote =
        "note: one file given: the cross-host checks (VRID, advert_int, version, authentication, VIP lists, priorities, unicast peers) and the fault catalogue need the file of every host";

    public static void WriteInputErrorsText(TextWriter stderr, IEnumerable<ConfigDiagnostic> errors)
    {
        foreach (ConfigDiagnostic d in errors)
        {
            stderr.WriteLine(d.ToString());
        }
    }

    public static void WriteText(TextWriter w, CheckReport r)
    {
        foreach (LintFinding f in r.Findings)
        {
            w.WriteLine(f.ToString());
            w.WriteLine($"    consequence: {f.Consequence}");
        }

        if (r.Catalogue is { } c)
        {
            foreach (DerivedInterface i in c.Cluster.Interfaces)
            {
                w.WriteLine($"host {i.Node} ({c.Cluster.FileOf(i.Node)}): {i.Name} {i.Address}/{i.PrefixLength} on {i.Segment} ({i.Evidence})");
            }

            if (c.Startup is { } s)
            {
                foreach (StartupVip v in s.Vips)
                {
                    w.WriteLine($"startup {(v.Problem is null ? "ok  " : "FAIL")} {StartupLine(v)}");
                }

                if (!s.Passed && s.DropReasons.Length > 0)
                {
                    w.WriteLine($"    adverts dropped: {s.DropReasons}");
                }

                if (r.Emitted.TryGetValue("startup", out string? sp))
                {
                    w.WriteLine($"    replay: vrrplab run {sp}");
                }
            }

            foreach (FaultOutcome o in c.Faults)
            {
                w.WriteLine($"fault {FaultOutcome.StatusWord(o.Status),-5} {o.Line(c.Timing)}");
                if (r.Emitted.TryGetValue(o.Id, out string? path) && o.Status == FaultStatus.Fail)
                {
                    w.WriteLine($"    replay: vrrplab run {path}");
                }
            }

            if (c.NotRun is { } why)
            {
                w.WriteLine($"faults {why}");
            }
            else
            {
                w.WriteLine($"faults: {Counts(c)} (depth {c.Depth}; faults start at {c.Timing.Onset} and heal after {c.Timing.Hold})");
            }

            if (r.Emitted.Count > 0)
            {
                w.WriteLine($"wrote {r.Emitted.Count} scenario file(s) to {Path.GetDirectoryName(r.Emitted.Values.First())}");
            }
        }

        if (r.Files.Count == 1)
        {
            w.WriteLine(SingleFileNote);
        }

        int errors = r.Findings.Count(f => f.Severity == DiagnosticSeverity.Error);
        int warnings = r.Findings.Count(f => f.Severity == DiagnosticSeverity.Warning);
        int notices = r.Findings.Count(f => f.Severity == DiagnosticSeverity.Notice);
        w.WriteLine($"checked {r.Files.Count} file(s): {errors} error(s), {warnings} warning(s), {notices} notice(s)");
    }

    /// <summary><c>VIP 10.0.0.100: lb1 (VRID 51) since 3.609375s</c> or the problem.</summary>
    public static string StartupLine(StartupVip v) =>
        $"VIP {v.Vip}: " + (v.Problem ?? $"{v.Holders[0].Node} (VRID {v.Holders[0].Vrid}) since {Duration.FormatSeconds(v.SinceUs ?? 0)}");

    private static string Counts(CatalogueResult c)
    {
        int n(FaultStatus s) => c.Faults.Count(f => f.Status == s);
        return $"{c.Faults.Length} run: {n(FaultStatus.Ok)} ok, {n(FaultStatus.Lost)} lost, {n(FaultStatus.Split)} split, {n(FaultStatus.Flap)} flap, {n(FaultStatus.Fail)} FAIL";
    }

    public static void WriteJson(TextWriter w, CheckReport r)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStringArray("files", r.Files);
            json.WriteBoolean("crossHostChecks", r.Files.Count > 1);
            json.WriteObjectArray("inputErrors", r.InputErrors, (json, d) =>
            {
                json.WriteString("file", d.File);
                json.WriteNumber("line", d.Line);
                json.WriteNumber("column", d.Column);
                json.WriteString("message", d.Message);
            });
            json.WriteObjectArray("findings", r.Findings, (json, f) =>
            {
                json.WriteString("severity", ConfigDiagnostic.SeverityName(f.Severity));
                json.WriteString("file", f.Location.File);
                json.WriteNumber("line", f.Location.Line);
                json.WriteNumber("column", f.Location.Column);
                json.WriteString("rule", f.RuleId);
                json.WriteString("message", f.Message);
                json.WriteString("consequence", f.Consequence);
            });
            json.WriteObject("summary", json =>
            {
                json.WriteNumber("errors", r.Findings.Count(f => f.Severity == DiagnosticSeverity.Error));
                json.WriteNumber("warnings", r.Findings.Count(f => f.Severity == DiagnosticSeverity.Warning));
                json.WriteNumber("notices", r.Findings.Count(f => f.Severity == DiagnosticSeverity.Notice));
            });
            if (r.Catalogue is { } c)
            {
                WriteCluster(json, c.Cluster);
                WriteSimulation(json, c, r);
            }
            else
            {
                json.WriteNull("cluster");
                json.WriteObject("faultSimulation", json =>
                {
                    json.WriteString("status", "not-run");
                    json.WriteString("reason", "not run: the input has errors");
                });
            }

            json.WriteNumber("exitCode", r.ExitCode);
            json.WriteEndObject();
        }

        w.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteCluster(Utf8JsonWriter json, DerivedCluster cluster)
    {
        json.WriteStartObject("cluster");
        json.WriteObjectArray("segments", cluster.Segments, (json, seg) =>
        {
            json.WriteString("name", seg.Name);
            json.WriteString("subnet", cluster.Interfaces.First(i => i.Segment == seg.Name).Subnet);
        });
        json.WriteObjectArray("hosts", cluster.Hosts.Select((host, h) => (host.File, Node: cluster.Nodes[h].Name)), (json, host) =>
        {
            json.WriteString("node", host.Node);
            json.WriteString("file", host.File);
            json.WriteObjectArray("interfaces", cluster.InterfacesOf(host.Node), (json, i) =>
            {
                json.WriteString("name", i.Name);
                json.WriteString("segment", i.Segment);
                json.WriteString("address", i.Address.ToString());
                json.WriteNumber("prefixLength", i.PrefixLength);
                json.WriteString("origin", Origin(i.Origin));
                json.WriteString("evidence", i.Evidence);
                json.WriteBoolean("vrrp", i.CarriesVrrp);
            });
        });
        json.WriteObjectArray("vips", cluster.Vips, (json, v) =>
        {
            json.WriteString("vip", v.Address.ToString());
            json.WriteStringArray("segments", v.Segments);
            json.WriteObjectArray("holders", v.Holders, (json, x) =>
            {
                json.WriteString("node", x.Node);
                json.WriteString("instance", x.Instance);
                json.WriteNumber("vrid", x.Vrid);
                json.WriteString("device", x.Device);
                json.WriteString("segment", x.Segment);
            });
        });
        json.WriteEndObject();
    }

    private static void WriteSimulation(Utf8JsonWriter json, CatalogueResult c, CheckReport r)
    {
        json.WriteStartObject("faultSimulation");
        json.WriteString("status", c.NotRun is null ? "run" : "not-run");
        if (c.NotRun is { } why)
        {
            json.WriteString("reason", why);
        }

        json.WriteNumber("depth", c.Depth);
        json.WriteBoolean("passed", c.Passed);
        json.WriteObject("timing", json =>
        {
            json.WriteNumber("settleUs", c.Timing.Settle.Microseconds);
            json.WriteNumber("onsetUs", c.Timing.Onset.Microseconds);
            json.WriteNumber("holdUs", c.Timing.Hold.Microseconds);
        });
        if (c.Startup is { } s)
        {
            json.WriteObject("startup", json =>
            {
                json.WriteBoolean("passed", s.Passed);
                json.WriteNumber("atUs", s.AtUs);
                json.WriteString("dropReasons", s.DropReasons);
                Scenario(json, r, "startup");
                json.WriteObjectArray("vips", s.Vips, (json, v) =>
                {
                    json.WriteString("vip", v.Vip.ToString());
                    json.WriteString("line", StartupLine(v));
                    json.WriteObjectArray("holders", v.Holders, (json, holder) =>
                    {
                        json.WriteString("node", holder.Node);
                        json.WriteNumber("vrid", holder.Vrid);
                    });
                    json.WriteNumberOrNull("sinceUs", v.SinceUs);
                    json.WriteStringOrNull("problem", v.Problem);
                });
            });
        }
        else
        {
            json.WriteNull("startup");
        }

        json.WriteObjectArray("faults", c.Faults, (json, o) =>
        {
            json.WriteString("id", o.Id);
            json.WriteString("title", o.Title);
            json.WriteNumber("depth", o.Depth);
            json.WriteString("status", FaultOutcome.StatusWord(o.Status).ToLowerInvariant());
            json.WriteString("line", o.Line(c.Timing));
            json.WriteNumber("judgedAtUs", o.JudgedAtUs);
            Scenario(json, r, o.Id);
            json.WriteObjectArray("faults", o.Faults, (json, fault) =>
            {
                (Fault f, long onset) = fault;
                json.WriteString("id", f.Id);
                json.WriteString("kind", Kind(f.Kind));
                json.WriteString("node", f.Node);
                json.WriteStringOrNull("target", f.Target);
                json.WriteNumber("onsetUs", onset);
                json.WriteString("description", f.Describe(onset, c.Timing));
            });
            json.WriteObjectArray("vips", o.Vips, (json, v) =>
            {
                json.WriteString("vip", v.Vip.ToString());
                json.WriteString("status", FaultOutcome.StatusWord(v.Status).ToLowerInvariant());
                json.WriteStringOrNull("holderBefore", v.HolderBefore);
                json.WriteStringOrNull("takenOverBy", v.TakenOverBy);
                json.WriteNumberOrNull("takeoverUs", v.TakeoverUs);
                json.WriteNumber("outageUs", v.OutageUs);
                json.WriteNumberOrNull("outageStartUs", v.OutageStartUs);
                json.WriteNumber("moves", v.Moves);
                json.WriteStringArray("holdersDuring", v.HoldersDuring);
                json.WriteStringArray("finalHolders", v.FinalHolders);
                json.WriteStringOrNull("problem", v.Problem);
            });
        });
        json.WriteStartObject("counts");
        foreach (FaultStatus st in Enum.GetValues<FaultStatus>())
        {
            json.WriteNumber(FaultOutcome.StatusWord(st).ToLowerInvariant(), c.Faults.Count(f => f.Status == st));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Scenario(Utf8JsonWriter json, CheckReport r, string id) =>
        json.WriteStringOrNull("scenarioFile", r.Emitted.GetValueOrDefault(id));

    /// <summary>The JSON name of a fault kind.</summary>
    public static string Kind(FaultKind k) => k switch
    {
        FaultKind.Crash => "crash",
        FaultKind.Stop => "stop",
        FaultKind.Kill => "kill",
        FaultKind.ScriptFails => "script",
        FaultKind.InterfaceDown => "link",
        FaultKind.Pause => "pause",
        FaultKind.RebootLateLink => "reboot-late-link",
        FaultKind.Flood => "flood",
        _ => "partition",
    };

    private static string Origin(AddressOrigin o) => o switch
    {
        AddressOrigin.UnicastSource => "unicast_src_ip",
        AddressOrigin.MulticastSource => "mcast_src_ip",
        AddressOrigin.PeerList => "peer-list",
        AddressOrigin.PeerSubnet => "peer-subnet",
        AddressOrigin.VipSubnet => "vip-subnet",
        _ => "placeholder",
    };

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}
