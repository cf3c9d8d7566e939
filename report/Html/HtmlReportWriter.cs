using System.Globalization;
using System.Net;
using System.Text;
using VrrpLab.Engine.Time;
using VrrpLab.Report.Model;
using VrrpLab.Report.Timeline;

namespace VrrpLab.Report.Html;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as one self-contained HTML file: the stylesheet, the script
/// and each figure's data are inlined; the figures are drawn as SVG by the script when the page
/// opens, from disk or from a CI artifact store, with no network access. The same document always
/// gives the same bytes (invariant formatting, stable ordering, no time of generation).
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>The report as a string.</summary>
    public static string ToHtml(ReportDocument document)
    {
        var sb = new StringBuilder(64 * 1024);
        using (var w = new StringWriter(sb, CultureInfo.InvariantCulture) { NewLine = "\n" })
        {
            Write(document, w);
        }

        return sb.ToString();
    }

    /// <summary>Writes the report to <paramref name="path"/> (UTF-8 without a byte-order mark), creating its directory.</summary>
    public static void WriteFile(ReportDocument document, string path)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        using var w = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        Write(document, w);
    }

    /// <summary>Writes the report to <paramref name="w"/>.</summary>
    public static void Write(ReportDocument document, TextWriter w)
    {
        w.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write("<meta name=\"generator\" content=\"vrrplab\">\n");
        w.Write($"<title>{H(document.Title)}</title>\n<style>\n");
        w.Write(ReportAssets.Css);
        w.Write("</style>\n</head>\n<body>\n<main>\n");

        int passed = document.Sections.Count(s => s.Passed);
        int failed = document.Sections.Length - passed;
        w.Write("<header class=\"doc\">\n");
        w.Write($"<h1>{H(document.Title)}</h1>\n");
        if (document.Subtitle is { } sub)
        {
            w.Write($"<p class=\"sub\">{H(sub)}</p>\n");
        }

        string noun = document.Sections.Length == 1 ? "section" : "sections";
        w.Write($"<p class=\"summary\"><span class=\"badge {(failed == 0 ? "pass" : "fail")}\">{(failed == 0 ? "PASS" : "FAIL")}</span> "
            + $"{document.Sections.Length} {noun}: {passed} passed, {failed} failed</p>\n</header>\n");

        string[] ids = SectionIds(document);
        if (document.Sections.Length > 1)
        {
            WriteIndex(document, ids, w);
        }

        int figure = 0;
        for (int i = 0; i < document.Sections.Length; i++)
        {
            WriteSection(document.Sections[i], ids[i], ref figure, w);
        }

        w.Write("</main>\n<script>\n");
        w.Write(ReportAssets.Script);
        w.Write("</script>\n</body>\n</html>\n");
    }

    private static string[] SectionIds(ReportDocument document)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var ids = new string[document.Sections.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            string slug = Slug(document.Sections[i].Title);
            string id = "s-" + slug;
            for (int n = 2; !used.Add(id); n++)
            {
                id = "s-" + slug + "-" + n.ToString(CultureInfo.InvariantCulture);
            }

            ids[i] = id;
        }

        return ids;
    }

    private static void WriteIndex(ReportDocument document, string[] ids, TextWriter w)
    {
        w.Write("<nav class=\"index\">\n<table>\n<tr><th></th><th>section</th><th>checks</th><th></th></tr>\n");
        for (int i = 0; i < document.Sections.Length; i++)
        {
            ReportSection s = document.Sections[i];
            ReportCheck[] checks = [.. s.Figures.SelectMany(f => f.Runs).SelectMany(r => r.Checks)];
            int ok = checks.Count(c => c.Passed);
            w.Write($"<tr class=\"{(s.Passed ? "pass" : "fail")}\"><td><span class=\"badge {(s.Passed ? "pass" : "fail")}\">{(s.Passed ? "PASS" : "FAIL")}</span></td>");
            w.Write($"<td><a href=\"#{ids[i]}\">{H(s.Title)}</a></td><td>{ok}/{checks.Length}</td><td>{H(s.Description ?? "")}</td></tr>\n");
        }

        w.Write("</table>\n</nav>\n");
    }

    private static void WriteSection(ReportSection s, string id, ref int figure, TextWriter w)
    {
        w.Write($"<section class=\"scenario {(s.Passed ? "pass" : "fail")}\" id=\"{id}\">\n");
        w.Write($"<h2><span class=\"badge {(s.Passed ? "pass" : "fail")}\">{(s.Passed ? "PASS" : "FAIL")}</span> {H(s.Title)}</h2>\n");
        if (s.Description is { } d)
        {
            w.Write($"<p class=\"desc\">{H(d)}</p>\n");
        }

        if (!s.Facts.IsEmpty)
        {
            w.Write("<dl class=\"facts\">");
            foreach ((string key, string value) in s.Facts)
            {
                w.Write($"<div><dt>{H(key)}</dt><dd>{H(value)}</dd></div>");
            }

            w.Write("</dl>\n");
        }

        if (!s.Notes.IsEmpty)
        {
            w.Write("<ul class=\"notes\">\n");
            foreach (ReportNote n in s.Notes)
            {
                w.Write($"<li class=\"{(n.IsError ? "error" : "info")}\">{H(n.Text)}</li>\n");
            }

            w.Write("</ul>\n");
        }

        bool legendWritten = false;
        foreach (ReportFigure f in s.Figures)
        {
            if (f.Compact && !legendWritten)
            {
                w.Write("<div class=\"figure legend-only\">");
                WriteLegend(w);
                w.Write("</div>\n");
                legendWritten = true;
            }

            WriteFigure(f, s.Figures.Length == 1 && !f.Compact, figure++, w);
        }

        w.Write("</section>\n");
    }

    private static void WriteFigure(ReportFigure f, bool single, int index, TextWriter w)
    {
        FigureLanes lanes = FigureLanes.Build(f);
        string id = "f" + index.ToString(CultureInfo.InvariantCulture);
        w.Write($"<div class=\"figure{(f.Compact ? " compact" : "")} {(f.Passed ? "pass" : "fail")}\" id=\"{id}\" data-fig=\"{index.ToString(CultureInfo.InvariantCulture)}\">\n");
        w.Write("<div class=\"fig-head\">");
        w.Write(single
            ? $"<h3>{H(f.Title)}</h3>"
            : $"<h3><span class=\"badge {(f.Passed ? "pass" : "fail")}\">{(f.Passed ? "PASS" : "FAIL")}</span> {H(f.Title)}</h3>");
        if (f.Caption is { } cap)
        {
            w.Write($"<span class=\"caption\">{H(cap)}</span>");
        }

        w.Write("<span class=\"toolbar\"><span class=\"range\"></span>");
        w.Write("<button type=\"button\" data-act=\"left\" title=\"pan left\">&#9664;</button>");
        w.Write("<button type=\"button\" data-act=\"out\" title=\"zoom out\">&minus;</button>");
        w.Write("<button type=\"button\" data-act=\"in\" title=\"zoom in\">+</button>");
        w.Write("<button type=\"button\" data-act=\"right\" title=\"pan right\">&#9654;</button>");
        w.Write("<button type=\"button\" data-act=\"fit\" title=\"the whole run (double-click the picture)\">fit</button></span>");
        w.Write("</div>\n");
        w.Write("<div class=\"plot\"><p class=\"nojs\">The timeline is drawn by the page's script; enable JavaScript to see it.</p></div>\n");
        w.Write("<script type=\"application/json\" class=\"fig-data\">");
        w.Write(FigureJson.Write(lanes));
        w.Write("</script>\n");
        if (!f.Compact)
        {
            WriteLegend(w);
        }

        WriteChecks(f, lanes, w);
        WriteDifferences(f, lanes, w);
        w.Write("</div>\n");
    }

    private static void WriteChecks(ReportFigure f, FigureLanes lanes, TextWriter w)
    {
        // A small timeline judged by one check titled like itself already shows its evidence as the caption.
        if (lanes.Checks.Count == 0 || (f.Compact && lanes.Checks.Count == 1 && lanes.Checks[0].Check.Name == f.Title && f.Caption == lanes.Checks[0].Check.Evidence))
        {
            return;
        }

        bool multi = f.Runs.Length > 1;
        w.Write("<ol class=\"checks\">\n");
        for (int i = 0; i < lanes.Checks.Count; i++)
        {
            (int run, ReportCheck c) = lanes.Checks[i];
            string where = c.AtUs is { } t
                ? c.UntilUs is { } t2 && t2 > t ? $"{Duration.FormatSeconds(t)} to {Duration.FormatSeconds(t2)}" : Duration.FormatSeconds(t)
                : "";
            string n = (i + 1).ToString(CultureInfo.InvariantCulture);
            w.Write($"<li class=\"{(c.Passed ? "pass" : "fail")}\" data-check=\"{i.ToString(CultureInfo.InvariantCulture)}\" title=\"{H(where)}\">");
            w.Write($"<span class=\"num\">{n}</span><span class=\"badge {(c.Passed ? "pass" : "fail")}\">{(c.Passed ? "PASS" : "FAIL")}</span>");
            w.Write($"<span class=\"name\">{H(c.Name)}{(multi ? $" <span class=\"run\">({H(f.Runs[run].Label)})</span>" : "")}</span>");
            w.Write($"<span class=\"ev\">{H(c.Evidence)}</span></li>\n");
        }

        w.Write("</ol>\n");
    }

    private static void WriteDifferences(ReportFigure f, FigureLanes lanes, TextWriter w)
    {
        if (f.Runs.Length < 2 || lanes.Differences.Count == 0)
        {
            return;
        }

        w.Write("<div class=\"diffs\"><table>\n");
        w.Write($"<tr><th>takeover</th><th>MASTER entry</th><th>{H(f.Runs[0].Label)}</th><th>run</th><th>at</th><th>difference</th></tr>\n");
        foreach (StateLane lane in lanes.States)
        {
            if (!lanes.Differences.TryGetValue(lane, out List<TakeoverDifference>? diffs))
            {
                continue;
            }

            foreach (TakeoverDifference d in diffs)
            {
                string reference = d.ReferenceUs is { } r ? Duration.FormatSeconds(r) : "(none)";
                string actual = d.ActualUs is { } a ? Duration.FormatSeconds(a) : "(none)";
                string delta = d.DeltaUs is { } x ? (x >= 0 ? "+" : "-") + Duration.FormatSeconds(Math.Abs(x)) : "missing";
                w.Write($"<tr><td>{H(d.Node)} &middot; {H(d.Instance)}</td><td>#{d.Ordinal.ToString(CultureInfo.InvariantCulture)}</td><td>{reference}</td>"
                    + $"<td>{H(f.Runs[d.Run].Label)}</td><td>{actual}</td><td>{delta}</td></tr>\n");
            }
        }

        w.Write("</table></div>\n");
    }

    private static void WriteLegend(TextWriter w)
    {
        static string Swatch(string fill, string extra = "") =>
            $"<svg width=\"22\" height=\"12\" aria-hidden=\"true\"><rect x=\"0\" y=\"1\" width=\"22\" height=\"10\" rx=\"1.5\" fill=\"{fill}\"{extra}/></svg>";

        w.Write("<div class=\"legend\">");
        foreach (string state in (string[])["INIT", "BACKUP", "MASTER", "FAULT", "STOP"])
        {
            w.Write($"<span class=\"key\">{Swatch("var(--" + state.ToLowerInvariant() + ")")}{state}</span>");
        }

        w.Write($"<span class=\"key\">{Swatch("var(--held)")}VIP holder</span>");
        w.Write($"<span class=\"key\">{Swatch("var(--two)")}two holders</span>");
        w.Write($"<span class=\"key\">{Swatch("var(--reach)")}client reaches VIP</span>");
        w.Write($"<span class=\"key\">{Swatch("var(--outage)")}client outage</span>");
        w.Write("<span class=\"key\"><svg width=\"14\" height=\"12\" aria-hidden=\"true\"><line x1=\"7\" x2=\"7\" y1=\"2\" y2=\"10\" stroke=\"#3b4656\" stroke-width=\"1.5\"/></svg>advert</span>");
        w.Write("<span class=\"key\"><svg width=\"14\" height=\"12\" aria-hidden=\"true\"><circle cx=\"7\" cy=\"6\" r=\"5\" fill=\"var(--fail)\"/><text x=\"7\" y=\"8.5\" text-anchor=\"middle\" font-size=\"7\" font-weight=\"700\" fill=\"#fff\">0</text></svg>priority 0</span>");
        w.Write("<span class=\"key\"><svg width=\"14\" height=\"12\" aria-hidden=\"true\"><path d=\"M4 3L10 9M10 3L4 9\" stroke=\"#b35c00\" stroke-width=\"1.5\"/></svg>advert dropped / lost</span>");
        w.Write("<span class=\"key\"><svg width=\"22\" height=\"12\" aria-hidden=\"true\"><line x1=\"11\" x2=\"11\" y1=\"0\" y2=\"12\" stroke=\"#3b4656\" stroke-dasharray=\"3 2\"/></svg>timeline action</span>");
        w.Write("<span class=\"key\"><svg width=\"22\" height=\"12\" aria-hidden=\"true\"><rect x=\"1\" y=\"1\" width=\"20\" height=\"10\" fill=\"none\" stroke=\"#1d2430\" stroke-dasharray=\"2 2\"/></svg>paused / host or link down</span>");
        w.Write("<span class=\"key\">wheel: zoom &middot; drag: pan &middot; double-click: fit &middot; click an expectation: zoom to its evidence</span>");
        w.Write("</div>\n");
    }

    private static string H(string s) => WebUtility.HtmlEncode(s);

    private static string Slug(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (char c in s)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? char.ToLowerInvariant(c) : '-');
        }

        return sb.Length == 0 ? "section" : sb.ToString();
    }
}
