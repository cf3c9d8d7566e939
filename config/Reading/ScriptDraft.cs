using VrrpLab.Config.Syntax;

namespace VrrpLab.Config.Reading;

/// <summary>A <c>vrrp_script</c> while it is being read (keepalived's <c>vrrp_script_t</c>).</summary>
internal sealed class ScriptDraft(string name, ConfigStatement statement) : BlockDraft(name, statement)
{
    public Dictionary<string, SourceLocation> Keywords { get; } = new(StringComparer.Ordinal);

    public string? Script { get; set; }

    /// <summary>The program (first word of <see cref="Script"/>).</summary>
    public string? Command { get; set; }

    public long IntervalSeconds { get; set; } = 1;

    /// <summary>0 = not set: keepalived then uses the interval.</summary>
    public long TimeoutSeconds { get; set; }

    public int Weight { get; set; }

    public bool WeightReverse { get; set; }

    public int Rise { get; set; } = 1;

    public int Fall { get; set; } = 1;

    public bool InitFail { get; set; }

    public string? User { get; set; }

    /// <summary>keepalived disabled it in <c>check_vrrp_script_security</c> (not found, not executable): tracks of it are dropped.</summary>
    public bool Insecure { get; set; }
}
