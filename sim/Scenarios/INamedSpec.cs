using System.Collections.Immutable;

namespace VrrpLab.Sim.Scenarios;

/// <summary>A part of a scenario that the file and the other parts refer to by its name (a node, an interface).</summary>
public interface INamedSpec
{
    /// <summary>The name it is referred to by.</summary>
    string Name { get; }
}

/// <summary>Looking up <see cref="INamedSpec"/> parts by name.</summary>
internal static class NamedSpecs
{
    /// <summary>The first of <paramref name="parts"/> called <paramref name="name"/>, or null.</summary>
    public static T? Find<T>(ImmutableArray<T> parts, string name)
        where T : class, INamedSpec
    {
        foreach (T part in parts)
        {
            if (part.Name == name)
            {
                return part;
            }
        }

        return null;
    }
}
