using System.Globalization;
using System.Text.RegularExpressions;
using VrrpLab.Report.Html;

namespace VrrpLab.Report.Tests.Browser;

/// <summary>
/// A report opened from disk in the headless browser, offline, with helpers that read what a person
/// sees: where the axis labels stand, where a bar begins, what the tooltip says, which range is shown.
/// </summary>
internal sealed partial class ReportPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _dir;

    private ReportPage(IBrowserContext context, IPage page, string dir)
    {
        _context = context;
        Page = page;
        _dir = dir;
    }

    /// <summary>The page.</summary>
    public IPage Page { get; }

    /// <summary>Every URL the page requested (only the file itself is allowed).</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Errors the page's script raised.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Writes <paramref name="document"/> to a temporary file and opens it, offline, at 1400x900.</summary>
    public static async Task<ReportPage> Open(ReportDocument document)
    {
        string dir = Path.Combine(Path.GetTempPath(), "vrrplab-report-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "report.html");
        HtmlReportWriter.WriteFile(document, path);
        IBrowserContext context = await BrowserSession.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Offline = true,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        IPage page = await context.NewPageAsync();
        var p = new ReportPage(context, page, dir);
        page.Request += (_, r) => p.Requests.Add(r.Url);
        page.PageError += (_, e) => p.Errors.Add(e);
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForSelectorAsync("html[data-ready='true']", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached, Timeout = 15_000 });
        Assert.That(p.Errors, Is.Empty, "script errors");
        return p;
    }

    /// <summary>The state lane of <paramref name="node"/> (first instance) in run <paramref name="run"/>.</summary>
    public ILocator StateLane(string node, string run = "simulated", int figure = 0) =>
        Figure(figure).Locator($"g.lane[data-kind='state'][data-node='{node}'][data-run='{run}']");

    /// <summary>Figure <paramref name="index"/>.</summary>
    public ILocator Figure(int index = 0) => Page.Locator($".figure[data-fig='{index}']");

    /// <summary>The shown range as the toolbar says it, in microseconds.</summary>
    public async Task<(double V0, double V1)> VisibleRange(int figure = 0)
    {
        ILocator range = Figure(figure).Locator(".range");
        return (double.Parse((await range.GetAttributeAsync("data-v0"))!, CultureInfo.InvariantCulture),
            double.Parse((await range.GetAttributeAsync("data-v1"))!, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The horizontal position on screen of simulated time <paramref name="us"/>, read off the axis the
    /// way a person would: from the positions of two tick labels and the times they print.
    /// </summary>
    public async Task<double> AxisX(long us, int figure = 0)
    {
        ((double t0, double x0), (double t1, double x1)) = await AxisTicks(figure);
        return x0 + ((us - t0) / (t1 - t0) * (x1 - x0));
    }

    /// <summary>The simulated time (microseconds) at horizontal position <paramref name="x"/>, read off the axis.</summary>
    public async Task<double> AxisTime(double x, int figure = 0)
    {
        ((double t0, double x0), (double t1, double x1)) = await AxisTicks(figure);
        return t0 + ((x - x0) / (x1 - x0) * (t1 - t0));
    }

    private async Task<((double T, double X) First, (double T, double X) Last)> AxisTicks(int figure)
    {
        var ticks = new List<(double T, double X)>();
        ILocator labels = Figure(figure).Locator("text.tick[text-anchor='middle']");
        int n = await labels.CountAsync();
        for (int i = 0; i < n; i++)
        {
            string text = await labels.Nth(i).TextContentAsync() ?? "";
            LocatorBoundingBoxResult? box = await labels.Nth(i).BoundingBoxAsync();
            if (box is not null && ParseTime(text) is { } t)
            {
                ticks.Add((t, box.X + (box.Width / 2)));
            }
        }

        Assert.That(ticks, Has.Count.GreaterThanOrEqualTo(2), "the axis shows at least two labelled ticks");
        return (ticks[0], ticks[^1]);
    }

    /// <summary>An axis label's time: <c>60s</c>, <c>60.805s</c>, <c>5m</c>, <c>1h30m</c>.</summary>
    public static double? ParseTime(string label)
    {
        Match m = AxisLabel().Match(label.Trim());
        if (!m.Success || label.Trim().Length == 0)
        {
            return null;
        }

        if (m.Groups["s"].Success)
        {
            return double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) * 1e6;
        }

        double h = m.Groups["h"].Success ? double.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        double min = m.Groups["m"].Success ? double.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        return ((h * 60) + min) * 60e6;
    }

    /// <summary>Moves the mouse over the middle of <paramref name="target"/> and returns the tooltip's text once shown.</summary>
    public async Task<string> HoverText(ILocator target)
    {
        await target.HoverAsync(new LocatorHoverOptions { Force = true });
        ILocator tip = Page.Locator(".tip");
        await tip.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 5_000 });
        return await tip.InnerTextAsync();
    }

    /// <summary>The computed value of CSS property <paramref name="property"/> of the first match of <paramref name="target"/>.</summary>
    public static Task<string> Style(ILocator target, string property) =>
        target.First.EvaluateAsync<string>("(e, p) => getComputedStyle(e).getPropertyValue(p)", property);

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"^(?:(?<s>\d+(?:\.\d+)?)s|(?:(?<h>\d+)h)?(?:(?<m>\d+)m)?)$")]
    private static partial Regex AxisLabel();
}
