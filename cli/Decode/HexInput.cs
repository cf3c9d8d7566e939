using System.Globalization;

namespace VrrpLab.Cli.Decode;

/// <summary>Parses the HEX argument of <c>vrrplab decode</c>: hex digits, optionally separated by spaces, colons, dashes or dots, with an optional 0x prefix.</summary>
public static class HexInput
{
    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The argument.</param>
    /// <param name="bytes">The bytes when parsed.</param>
    /// <param name="error">What is wrong, naming the character position (1-based), when not parsed.</param>
    public static bool TryParse(string text, out byte[] bytes, out string error)
    {
        bytes = [];
        error = "";
        string body = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        int offset = text.Length - body.Length;
        var digits = new List<(char Digit, int Column)>(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            char c = body[i];
            if (char.IsAsciiHexDigit(c))
            {
                digits.Add((c, offset + i + 1));
            }
            else if (c is not (' ' or ':' or '-' or '.' or '\t' or '\n' or '\r'))
            {
                error = $"'{c}' at character {offset + i + 1} is not a hex digit";
                return false;
            }
        }

        if (digits.Count == 0)
        {
            error = "no hex digits";
            return false;
        }

        if (digits.Count % 2 != 0)
        {
            error = $"odd number of hex digits ({digits.Count}): the last byte, at character {digits[^1].Column}, is incomplete";
            return false;
        }

        bytes = new byte[digits.Count / 2];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = byte.Parse(string.Concat(digits[2 * i].Digit, digits[(2 * i) + 1].Digit), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        return true;
    }
}
