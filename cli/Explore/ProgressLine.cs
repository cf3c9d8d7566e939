using System.Diagnostics;
using System.Globalization;
using VrrpLab.Explore.Running;

namespace VrrpLab.Cli.Explore;

/// <summary>
/// The one progress line on a terminal (stderr): runs done, runs/s, failing runs, ETA; redrawn in
/// place, erased at the end. Nothing at all when stderr is not a terminal.
/// </summary>
internal sealed class ProgressLine(TextWriter err)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private bool _drawn;

    public void Show(ExploreProgress p)
    {
        double s = _clock.Elapsed.TotalSeconds;
        double rate = s > 0 ? p.Done / s : 0;
        string eta = p.Phase != "search" ? p.Phase
            : rate > 0 ? "ETA " + TimeSpan.FromSeconds(Math.Ceiling((p.Total - p.Done) / rate)).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : "ETA -";
        err.Write(string.Create(CultureInfo.InvariantCulture,
            $"\r\u001b[K{p.Done:#,0}/{p.Total:#,0} runs  {rate:#,0} runs/s  {p.Failures:#,0} failing  {eta}"));
        err.Flush();
        _drawn = true;
    }

    public void Clear()
    {
        if (_drawn)
        {
            err.Write("\r\u001b[K");
            err.Flush();
        }
    }
}
