using System.Text;

namespace VrrpLab.RealNet.Scripts;

/// <summary>
/// Splits a keepalived <c>script</c> / <c>notify</c> string into argv the way keepalived does
/// before exec'ing it directly (no shell): words split on white space, <c>"..."</c> and
/// <c>'...'</c> group words, a backslash escapes the next character.
/// </summary>
internal static class ScriptCommandLine
{
    /// <summary>The words of <paramref name="command"/>; empty for a blank command.</summary>
    public static List<string> Split(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        bool inWord = false;
        char quote = '\0';
        for (int i = 0; i < command.Length; i++)
        {
            char c = command[i];
            if (c == '\\' && i + 1 < command.Length && quote != '\'')
            {
                word.Append(command[++i]);
                inWord = true;
            }
            else if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
