namespace VrrpLab.RealNet.Bench;

/// <summary>How busy the machine was: every report says it, since a shared machine moves the figures.</summary>
public static class MachineLoad
{
    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg, e.g. "0.52, 0.80, 1.10", or "unknown".</summary>
    public static string Averages()
    {
        try
        {
            string[] f = File.ReadAllText("/proc/loadavg").Split(' ');
            return f.Length >= 3 ? $"{f[0]}, {f[1]}, {f[2]}" : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
