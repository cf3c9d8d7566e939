using VrrpLab.Config.FileSystem;

namespace VrrpLab.Config.Syntax;

/// <summary>
/// glob(3) as keepalived's <c>include</c> uses it: <c>*</c>, <c>?</c> and <c>[...]</c> (with
/// <c>!</c>/<c>^</c> negation and ranges) in any path component, never matching '/' or a leading
/// '.', results sorted byte-wise. A pattern without wildcards names one file (returned if it exists).
/// </summary>
public static class ConfigGlob
{
    /// <summary>The files matching <paramref name="pattern"/>, relative to <paramref name="baseDirectory"/> unless absolute.</summary>
    public static IReadOnlyList<string> Expand(IConfigFileSystem fs, string baseDirectory, string pattern)
    {
        bool absolute = pattern.StartsWith('/');
        string[] parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { absolute ? "/" : baseDirectory };
        for (int p = 0; p < parts.Length; p++)
        {
            bool last = p == parts.Length - 1;
            var next = new List<string>();
            foreach (string dir in current)
            {
                if (!HasWildcard(parts[p]))
                {
                    next.Add(Join(dir, parts[p]));
                    continue;
                }

                foreach (string name in fs.ListEntries(dir).OrderBy(n => n, StringComparer.Ordinal))
                {
                    if (Matches(parts[p], name))
                    {
                        string path = Join(dir, name);
                        if (last || fs.IsDirectory(path))
                        {
                            next.Add(path);
                        }
                    }
                }
            }

            current = next;
        }

        return current
            .Where(path => !fs.IsDirectory(path) && Exists(fs, path))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(path => path, StringComparer.Ordinal)
            .ToList();
    }

    private static bool Exists(IConfigFileSystem fs, string path)
    {
        int slash = path.LastIndexOf('/');
        string dir = slash < 0 ? "." : slash == 0 ? "/" : path[..slash];
        string name = path[(slash + 1)..];
        return fs.ListEntries(dir).Contains(name, StringComparer.Ordinal);
    }

    private static bool HasWildcard(string s) => s.AsSpan().IndexOfAny("*?[") >= 0;

    private static string Join(string dir, string name)
    {
        if (dir == ".")
        {
            return name;
        }

        return dir.EndsWith('/') ? dir + name : dir + "/" + name;
    }

    /// <summary>fnmatch(3) for one path component (no '/', leading '.' only matched literally).</summary>
    public static bool Matches(string pattern, string name)
    {
        if (name.StartsWith('.') && !pattern.StartsWith('.'))
        {
            return false;
        }

        return Match(pattern, 0, name, 0);
    }

    private static bool Match(string p, int pi, string s, int si)
    {
        while (pi < p.Length)
        {
            char c = p[pi];
            if (c == '*')
            {
                while (pi < p.Length && p[pi] == '*')
                {
                    pi++;
                }

                if (pi == p.Length)
                {
                    return true;
                }

                for (int k = si; k <= s.Length; k++)
                {
                    if (Match(p, pi, s, k))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (si >= s.Length)
            {
                return false;
            }

            if (c == '?')
            {
                pi++;
                si++;
                continue;
            }

            if (c == '[')
            {
                int end = p.IndexOf(']', pi + 2 <= p.Length ? pi + 2 : p.Length);
                if (end > pi)
                {
                    if (!ClassMatches(p.AsSpan(pi + 1, end - pi - 1), s[si]))
                    {
                        return false;
                    }

                    pi = end + 1;
                    si++;
                    continue;
                }
            }

            if (c != s[si])
            {
                return false;
            }

            pi++;
            si++;
        }

        return si == s.Length;
    }

    private static bool ClassMatches(ReadOnlySpan<char> cls, char ch)
    {
        bool negate = cls.Length > 0 && cls[0] is '!' or '^';
        if (negate)
        {
            cls = cls[1..];
        }

        bool hit = false;
        for (int i = 0; i < cls.Length; i++)
        {
            if (i + 2 < cls.Length && cls[i + 1] == '-')
            {
                hit |= ch >= cls[i] && ch <= cls[i + 2];
                i += 2;
            }
            else
            {
                hit |= ch == cls[i];
            }
        }

        return hit != negate;
    }
}
