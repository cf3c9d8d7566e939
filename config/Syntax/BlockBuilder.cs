using System.Collections.Frozen;
using System.Collections.Immutable;
using VrrpLab.Config.Reading;

namespace VrrpLab.Config.Syntax;

/// <summary>
/// Groups logical lines into statements the way keepalived 2.2.7's <c>process_stream</c> and
/// <c>alloc_value_block</c> (lib/parser.c) consume them, keyword table by keyword table
/// (<see cref="KeywordSchema"/>). The statements it returns are exactly what keepalived's handlers
/// see, including its surprises: a value-block keyword with its value on its own line
/// (<c>track_interface eth0</c>) takes the following lines as values up to the next <c>}</c>; a
/// <c>{</c> after a keyword without a block is "Unexpected '{' - ignoring" and the block's lines
/// are read at the same level (its <c>}</c> closes the enclosing block); an unknown keyword's block
/// is read the same way; blocks of other keepalived processes (LVS) are skipped silently.
/// </summary>
internal sealed class BlockBuilder
{
    private readonly List<LogicalLine> _lines;
    private readonly List<ConfigDiagnostic> _diagnostics;
    private readonly HashSet<string> _instances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _syncGroups = new(StringComparer.Ordinal);
    private int _pos;
    private int _skipSublevel;
    private int _kwLevel;
    private bool _groupSeen;

    private BlockBuilder(List<LogicalLine> lines, List<ConfigDiagnostic> diagnostics)
    {
        _lines = lines;
        _diagnostics = diagnostics;
    }

    /// <summary>The top-level statements of <paramref name="lines"/>.</summary>
    public static ImmutableArray<ConfigStatement> Build(List<LogicalLine> lines, List<ConfigDiagnostic> diagnostics)
    {
        var b = new BlockBuilder(lines, diagnostics);
        (List<ConfigStatement> top, bool _, ConfigToken _) = b.Process(KeywordSchema.Root, needBob: false, context: null);
        return [.. top];
    }

    /// <summary>keepalived's <c>process_stream(keywords_vec, need_bob)</c>; true in the second value when a skipped block ended it.</summary>
    private (List<ConfigStatement> Statements, bool Skipped, ConfigToken Open) Process(FrozenDictionary<string, KeywordNode> table, bool needBob, string? context)
    {
        var result = new List<ConfigStatement>();
        bool retErr = false;
        ConfigToken open = default;
        while (_pos < _lines.Count)
        {
            LogicalLine line = _lines[_pos++];
            string str = line.First;
            if (_skipSublevel == -1)
            {
                // There was no '{' on the keyword line.
                if (str == "{")
                {
                    _skipSublevel = 1;
                    needBob = false;
                    continue;
                }

                _skipSublevel = 0;
            }

            if (_skipSublevel != 0)
            {
                foreach (ConfigToken w in line.Words)
                {
                    str = w.Text;
                    if (str == "{")
                    {
                        _skipSublevel++;
                    }
                    else if (str == "}" && --_skipSublevel == 0)
                    {
                        break;
                    }
                }

                // The end of a skipped block ends the enclosing block too.
                if (str == "}" && _skipSublevel == 0 && _kwLevel > 0)
                {
                    retErr = true;
                    break;
                }

                continue;
            }

            if (needBob)
            {
                needBob = false;
                if (str == "{" && _kwLevel > 0)
                {
                    open = line.Words[0];
                    continue;
                }

                Report(line, 0, "Missing '{' at beginning of configuration block");
            }
            else if (str == "{")
            {
                Report(line, 0, "Unexpected '{' - ignoring");
                continue;
            }

            if (str == "}" && _kwLevel > 0)
            {
                break;
            }

            if (!table.TryGetValue(str, out KeywordNode? kw))
            {
                Report(line, 0, $"Unknown keyword '{str}'");
                continue;
            }

            if (!kw.Active)
            {
                // A keyword of another process: its handler ignores it, and its block is skipped.
                _skipSublevel = line.Last == "{" ? 1 : -1;
                result.Add(Statement(line, default, default));
                continue;
            }

            switch (kw.Shape)
            {
                case KeywordShape.Block:
                    result.AddRange(SubBlock(line, kw, context));
                    break;
                case KeywordShape.ValueBlock:
                    if (context == "vrrp_sync_group" && kw.Name == "group" && _groupSeen)
                    {
                        // vrrp_group_handler: the block of a second group list is skipped.
                        Report(line, 0, $"Group list already specified for sync group {_currentSyncGroup}");
                        _skipSublevel = -1;
                        break;
                    }

                    if (context == "vrrp_sync_group" && kw.Name == "group")
                    {
                        _groupSeen = true;
                    }

                    result.Add(ValueBlock(line));
                    break;
                default:
                    result.Add(Statement(line, default, default));
                    break;
            }
        }

        return (result, retErr, open);
    }

    private string _currentSyncGroup = "";

    private IEnumerable<ConfigStatement> SubBlock(LogicalLine line, KeywordNode kw, string? context)
    {
        // A trailing '{' on the keyword line is removed (after brace splitting only a quoted one can be there).
        bool bobNeeded = line.Last != "{";
        ImmutableArray<ConfigToken> words = bobNeeded ? line.Words : line.Words[..^1];
        bool skip = false;
        if (context is null && kw.Name == "vrrp_instance")
        {
            skip = NamedBlock(line, words, _instances, "vrrp_instance must have a name", "vrrp instance {0} already defined");
        }
        else if (context is null && kw.Name == "vrrp_sync_group")
        {
            skip = NamedBlock(line, words, _syncGroups, "vrrp_sync_group must have a name - skipping", "vrrp sync group {0} already defined");
            _groupSeen = false;
            _currentSyncGroup = words.Length > 1 ? words[1].Text : "";
        }

        if (skip)
        {
            _skipSublevel = -1;
        }

        _kwLevel++;
        (List<ConfigStatement> children, bool _, ConfigToken open) = Process(kw.Children, bobNeeded, kw.Name);
        _kwLevel--;
        if (skip)
        {
            return [];
        }

        return [new ConfigStatement(words[0], words[1..], [.. children], open) { EndOrder = _pos > 0 ? _lines[_pos - 1].Sequence : 0 }];
    }

    /// <summary>vrrp_handler / vrrp_sync_group_handler: exactly one name, not used before; else the block is skipped.</summary>
    private bool NamedBlock(LogicalLine line, ImmutableArray<ConfigToken> words, HashSet<string> names, string noName, string duplicate)
    {
        if (words.Length != 2)
        {
            Report(line, 0, noName);
            return true;
        }

        if (!names.Add(words[1].Text))
        {
            Report(line, 1, string.Format(System.Globalization.CultureInfo.InvariantCulture, duplicate, words[1].Text));
            return true;
        }

        return false;
    }

    /// <summary>keepalived's <c>alloc_value_block</c>: every following line is a value up to the one ending in '}'.</summary>
    private ConfigStatement ValueBlock(LogicalLine header)
    {
        bool needBob = true;
        if (header.Words.Length > 1 && header.Words[1].Text != "{")
        {
            Report(header, 1, $"Block {header.First} has extra parameters {header.Words[1].Text} ...");
        }

        ConfigToken open = default;
        var values = ImmutableArray.CreateBuilder<ConfigStatement>();
        while (_pos < _lines.Count)
        {
            LogicalLine line = _lines[_pos++];
            ImmutableArray<ConfigToken> words = line.Words;
            if (needBob)
            {
                needBob = false;
                if (words[0].Text == "{")
                {
                    open = words[0];
                    if (words.Length == 1)
                    {
                        continue;
                    }

                    words = words[1..];
                }
                else
                {
                    // log_message(LOG_INFO): logged at run time, keepalived -t does not fail on it.
                    _diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Notice, line.File, line.Line, words[0].Column,
                        $"'{{' missing from beginning of block {header.First}") { Order = line.Sequence });
                }
            }

            bool hadEob = false;
            if (words[^1].Text == "}")
            {
                if (words.Length == 1)
                {
                    break;
                }

                hadEob = true;
                words = words[..^1];
            }

            if (words.Length > 0)
            {
                values.Add(new ConfigStatement(words[0], words[1..], default, default));
            }

            if (hadEob)
            {
                break;
            }
        }

        return new ConfigStatement(header.Words[0], header.Words[1..], values.ToImmutable(), open);
    }

    private static ConfigStatement Statement(LogicalLine line, ImmutableArray<ConfigStatement> block, ConfigToken open) =>
        new(line.Words[0], line.Words[1..], block, open);

    private void Report(LogicalLine line, int word, string message)
    {
        ConfigToken at = line.Words[Math.Min(word, line.Words.Length - 1)];
        _diagnostics.Add(new ConfigDiagnostic(DiagnosticSeverity.Warning, at.File, at.Line, at.Column, message) { Order = line.Sequence });
    }
}
