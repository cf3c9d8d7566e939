using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using VrrpLab.Engine.Time;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VrrpLab.Sim.Scenarios;

/// <summary>
/// Reads typed values out of a YamlDotNet representation tree and reports every problem as a
/// <see cref="ScenarioDiagnostic"/> at the node's line and column. Never throws for bad input.
/// </summary>
internal sealed class YamlCursor(string file, List<ScenarioDiagnostic> diagnostics)
{
    public string File { get; } = file;

    public List<ScenarioDiagnostic> Diagnostics { get; } = diagnostics;

    public SourceLocation At(YamlNode node) => At(node.Start);

    public SourceLocation At(Mark mark) => new(File, (int)mark.Line, (int)mark.Column);

    public void Error(YamlNode node, string message) => Error(At(node), message);

    public void Error(SourceLocation at, string message) =>
        Diagnostics.Add(new ScenarioDiagnostic(at, DiagnosticSeverity.Error, message));

    public void Warning(YamlNode node, string message) =>
        Diagnostics.Add(new ScenarioDiagnostic(At(node), DiagnosticSeverity.Warning, message));

    /// <summary>
    /// The entries of a mapping as (key text, key node, value node), after reporting keys that are
    /// not in <paramref name="allowed"/> and required keys that are missing.
    /// </summary>
    public List<(string Key, YamlNode KeyNode, YamlNode Value)>? Mapping(
        YamlNode node, string what, IReadOnlyCollection<string>? allowed, params string[] required)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"{what} must be a mapping");
            return null;
        }

        var entries = new List<(string, YamlNode, YamlNode)>();
        foreach (KeyValuePair<YamlNode, YamlNode> kv in map.Children)
        {
            if (kv.Key is not YamlScalarNode { Value: { } key })
            {
                Error(kv.Key, $"keys of {what} must be plain names");
                continue;
            }

            if (allowed is not null && !allowed.Contains(key))
            {
                Error(kv.Key, $"unknown key '{key}' in {what} (expected one of: {string.Join(", ", allowed)})");
                continue;
            }

            entries.Add((key, kv.Key, kv.Value));
        }

        foreach (string r in required)
        {
            if (!entries.Exists(e => e.Item1 == r))
            {
                Error(node, $"{what} is missing required key '{r}'");
            }
        }

        return entries;
    }

    public static YamlNode? Get(List<(string Key, YamlNode KeyNode, YamlNode Value)> entries, string key)
    {
        foreach ((string k, YamlNode _, YamlNode v) in entries)
        {
            if (k == key)
            {
                return v;
            }
        }

        return null;
    }

    public string? Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } v } && !(v.Length == 0 && node.Start.Equals(node.End)))
        {
            return v;
        }

        Error(node, $"{what} must be a single value");
        return null;
    }

    public string? Name(YamlNode node, string what)
    {
        string? s = Scalar(node, what);
        if (s is null)
        {
            return null;
        }

        if (s.Length == 0 || s.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            Error(node, $"{what} '{s}' is not a valid name (no spaces)");
            return null;
        }

        return s;
    }

    public Duration? Duration(YamlNode node, string what) => InUnits<Duration>(node, what, Units.TryParseDuration);

    public Rate? Rate(YamlNode node, string what) => InUnits<Rate>(node, what, Units.TryParseRate);

    /// <summary>A single value in units (a duration, a rate); null, with the parser's reason, when it is not one.</summary>
    private T? InUnits<T>(YamlNode node, string what, UnitParser<T> parse)
        where T : struct
    {
        string? s = Scalar(node, what);
        if (s is null)
        {
            return null;
        }

        if (!parse(s, out T value, out string? err))
        {
            Error(node, $"{what}: {err}");
            return null;
        }

        return value;
    }

    public bool? Bool(YamlNode node, string what)
    {
        string? s = Scalar(node, what);
        switch (s)
        {
            case null:
                return null;
            case "true" or "True" or "TRUE" or "yes":
                return true;
            case "false" or "False" or "FALSE" or "no":
                return false;
            default:
                Error(node, $"{what} must be true or false (got '{s}')");
                return null;
        }
    }

    public long? Integer(YamlNode node, string what, long min, long max)
    {
        string? s = Scalar(node, what);
        if (s is null)
        {
            return null;
        }

        if (!long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long v) || v < min || v > max)
        {
            Error(node, $"{what} must be a whole number from {min} to {max} (got '{s}')");
            return null;
        }

        return v;
    }

    /// <summary>A scalar or a sequence of scalars (e.g. <c>start: node1</c> or <c>start: [node1, node2]</c>).</summary>
    public List<(string Value, YamlNode Node)>? OneOrMany(YamlNode node, string what)
    {
        if (node is YamlSequenceNode seq)
        {
            var list = new List<(string, YamlNode)>();
            foreach (YamlNode item in seq.Children)
            {
                string? v = Name(item, what);
                if (v is not null)
                {
                    list.Add((v, item));
                }
            }

            if (seq.Children.Count == 0)
            {
                Error(node, $"{what}: the list is empty");
                return null;
            }

            return list;
        }

        string? one = Name(node, what);
        return one is null ? null : [(one, node)];
    }

    private delegate bool UnitParser<T>(string text, out T value, [NotNullWhen(false)] out string? error);
}
