using VrrpLab.Config;
using VrrpLab.Config.FileSystem;

namespace VrrpLab.Cli.Daemon;

/// <summary>Reads the daemon's keepalived.conf with the config reader (includes relative to the file).</summary>
public static class DaemonConfigLoader
{
    /// <summary>
    /// Reads <paramref name="path"/>. Errors and warnings come back as located messages; the
    /// configuration is null when the reader found an error (keepalived would refuse it).
    /// </summary>
    public static DaemonConfigLoad Load(string path)
    {
        ConfigReadResult result = KeepalivedConfigReader.Read(path, PhysicalConfigFileSystem.Instance);
        var messages = result.Diagnostics
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
        return new DaemonConfigLoad(result.HasErrors ? null : result.Config, messages) { Source = result.Source };
    }
}
