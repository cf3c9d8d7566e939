using System.CommandLine;

namespace VrrpLab.Cli.Commands;

/// <summary>
/// <c>vrrplab completion bash|zsh</c>: prints a shell completion script. The script asks vrrplab itself
/// (System.CommandLine's <c>[suggest:POSITION] "LINE"</c> directive) for the verbs, options and choices
/// at the cursor, so completions always match the options the parser knows; files complete as usual.
/// </summary>
public sealed class CompletionCommand() : Verb(
    "completion",
    "print a bash or zsh completion script for vrrplab",
    usage: "usage: vrrplab completion bash|zsh",
    about: """
        Prints a script that completes vrrplab's verbs, options and option values (--format json, ...)
        in bash or zsh; file names complete as usual. Load it from your shell's start-up file:
          bash:  source <(vrrplab completion bash)         (e.g. in ~/.bashrc)
          zsh:   source <(vrrplab completion zsh)          (e.g. in ~/.zshrc, after compinit)
        The script asks vrrplab itself what fits at the cursor: vrrplab '[suggest:POSITION]' 'LINE'.
        """)
{
    private Argument<string[]> _shell = null!;

    /// <inheritdoc/>
    protected override void Define()
    {
        _shell = Positionals("SHELL");
        _shell.CompletionSources.Add("bash", "zsh");
    }

    /// <inheritdoc/>
    protected internal override int Execute(Invocation parsed)
    {
        List<string> shell = parsed.Positionals(_shell);
        string script = shell switch
        {
            ["bash"] => Bash,
            ["zsh"] => Zsh,
            [] => throw new UsageException("name the shell: bash or zsh"),
            _ => throw new UsageException($"no completion script for '{string.Join(' ', shell)}' (bash or zsh)"),
        };
        parsed.Stdout.Write(script);
        return ExitCodes.Ok;
    }

    private const string Bash = """
        # vrrplab completion for bash: source <(vrrplab completion bash)
        _vrrplab_complete() {
            local IFS=$'\n' cur="${COMP_WORDS[COMP_CWORD]}"
            local candidates
            candidates=$("${COMP_WORDS[0]}" "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null) || return 0
            COMPREPLY=($(compgen -W "${candidates}" -- "${cur}"))
        }
        complete -o default -o bashdefault -F _vrrplab_complete vrrplab

        """;

    private const string Zsh = """
        # vrrplab completion for zsh: source <(vrrplab completion zsh)
        _vrrplab() {
            local line="${(j: :)words[1,CURRENT]}"
            local -a candidates
            candidates=("${(@f)$("${words[1]}" "[suggest:${#line}]" "${line}" 2>/dev/null)}")
            candidates=(${candidates:#})
            if (( ${#candidates} )); then
                compadd -- "${candidates[@]}"
            else
                _files
            fi
        }
        compdef _vrrplab vrrplab

        """;
}
