using System.Collections.Immutable;

namespace VrrpLab.Config.Reading;

/// <summary>Source positions of the instances and scripts of one read configuration.</summary>
/// <param name="File">The display name of the main file.</param>
/// <param name="Instances">One entry per instance of the resulting <c>RouterConfig</c>, same order.</param>
/// <param name="Scripts">One entry per script of the resulting <c>RouterConfig</c>, same order.</param>
public sealed record ConfigSourceMap(string File, ImmutableArray<InstanceSyntax> Instances, ImmutableArray<ScriptSyntax> Scripts)
{
    /// <summary>The syntax of the named instance, or null.</summary>
    public InstanceSyntax? Instance(string name) => Instances.FirstOrDefault(i => i.Name == name);

    /// <summary>The syntax of the named script, or null.</summary>
    public ScriptSyntax? Script(string name) => Scripts.FirstOrDefault(s => s.Name == name);
}
