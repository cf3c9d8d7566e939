using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace VrrpLab.Tests.Shared;

/// <summary>
/// Lists what an assembly's metadata says it calls or names outside itself (its type and member
/// references): every call, field read or type use compiled into it, wherever in the code it is.
/// The design-rule tests use it to keep the wall clock, hidden randomness, the file system and
/// sockets out of engine/ and sim/.
/// </summary>
internal static class ForbiddenReferences
{
    /// <summary>Members that read the wall clock or an unseeded random source (type full name, member name).</summary>
    public static readonly (string Type, string Member)[] ClockAndRandomMembers =
    [
        ("System.DateTime", "get_Now"),
        ("System.DateTime", "get_UtcNow"),
        ("System.DateTime", "get_Today"),
        ("System.DateTimeOffset", "get_Now"),
        ("System.DateTimeOffset", "get_UtcNow"),
        ("System.Environment", "get_TickCount"),
        ("System.Environment", "get_TickCount64"),
        ("System.TimeProvider", "get_System"),
        ("System.Random", "get_Shared"),
        ("System.Guid", "NewGuid"),
        ("System.Threading.Thread", "Sleep"),
        ("System.Threading.Tasks.Task", "Delay"),
    ];

    /// <summary>Types whose mere use reads a clock or hidden randomness.</summary>
    public static readonly string[] ClockAndRandomTypes =
    [
        "System.Diagnostics.Stopwatch",
        "System.Threading.Timer",
        "System.Timers.Timer",
        "System.Security.Cryptography.RandomNumberGenerator",
    ];

    /// <summary>Every referenced member as <c>Type::Member</c>.</summary>
    public static IReadOnlyList<string> MemberReferences(Assembly assembly) =>
        [.. ReferencedMembers(assembly).Select(m => $"{m.Type}::{m.Member}")];

    /// <summary>Every referenced type by full name.</summary>
    public static IReadOnlyList<string> TypeReferences(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        MetadataReader md = pe.GetMetadataReader();
        return [.. md.TypeReferences.Select(h => FullName(md, h))];
    }

    /// <summary>The clock and randomness references of <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<string> ClockOrRandom(Assembly assembly)
    {
        var members = MemberReferences(assembly)
            .Where(r => ClockAndRandomMembers.Any(f => r == $"{f.Type}::{f.Member}"));
        var types = TypeReferences(assembly).Where(t => ClockAndRandomTypes.Contains(t));

        // new Random() without a seed: the parameterless constructor.
        var unseeded = UnseededRandom(assembly);
        return [.. members.Concat(types).Concat(unseeded).Distinct()];
    }

    /// <summary>References to types of <paramref name="ns"/> (and its sub-namespaces).</summary>
    public static IReadOnlyList<string> TypesIn(Assembly assembly, string ns) =>
        [.. TypeReferences(assembly).Where(t => t.StartsWith(ns + ".", StringComparison.Ordinal)).Distinct()];

    private static IEnumerable<string> UnseededRandom(Assembly assembly) =>
        ReferencedMembers(assembly)
            .Where(m => m.Type == "System.Random" && m.Member == ".ctor" && m.Parameters == 0)
            .Select(_ => "System.Random::.ctor()");

    /// <summary>Every member reference whose parent is a type reference: the type's full name, the
    /// member's name and, for a method, its number of parameters (-1 for a field).</summary>
    private static List<(string Type, string Member, int Parameters)> ReferencedMembers(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        MetadataReader md = pe.GetMetadataReader();
        var result = new List<(string, string, int)>();
        foreach (MemberReferenceHandle h in md.MemberReferences)
        {
            MemberReference m = md.GetMemberReference(h);
            if (m.Parent.Kind == HandleKind.TypeReference)
            {
                result.Add((FullName(md, (TypeReferenceHandle)m.Parent), md.GetString(m.Name), Parameters(md, m)));
            }
        }

        return result;
    }

    private static int Parameters(MetadataReader md, MemberReference m)
    {
        BlobReader sig = md.GetBlobReader(m.Signature);
        SignatureHeader header = sig.ReadSignatureHeader();
        if (header.Kind != SignatureKind.Method)
        {
            return -1;
        }

        if (header.IsGeneric)
        {
            _ = sig.ReadCompressedInteger();
        }

        return sig.ReadCompressedInteger();
    }

    private static string FullName(MetadataReader md, TypeReferenceHandle h)
    {
        TypeReference t = md.GetTypeReference(h);
        string name = md.GetString(t.Name);
        if (t.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return FullName(md, (TypeReferenceHandle)t.ResolutionScope) + "+" + name;
        }

        string ns = md.GetString(t.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
