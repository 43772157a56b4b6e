using System.Text;
using System.Text.RegularExpressions;

namespace Reconciler.Core.Builds;

/// <summary>
/// A <c>.dockerignore</c> matcher with Docker's rules (moby/patternmatcher): patterns are cleaned and a
/// leading '/' dropped; <c>*</c> and <c>?</c> never cross '/', <c>**</c> crosses any number of folders;
/// a pattern also excludes everything under a matching folder; <c>!</c> re-includes; the last match wins.
/// </summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<Rule> _rules;

    private DockerIgnore(IReadOnlyList<Rule> rules) => _rules = rules;

    public static DockerIgnore Empty { get; } = new([]);

    public static DockerIgnore Parse(string text)
    {
        var rules = new List<Rule>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclusion = line.StartsWith('!');
            if (exclusion)
            {
                line = line[1..].Trim();
            }

            var pattern = CleanPath(line);
            if (pattern.Length > 1 && pattern[0] == '/')
            {
                pattern = pattern[1..];
            }

            if (pattern is "." or "" or "/")
            {
                continue;
            }

            rules.Add(new Rule(exclusion, pattern.Split('/').Length, Compile(pattern)));
        }

        return new DockerIgnore(rules);
    }

    /// <summary>True when <paramref name="path"/> (relative to the context, '/' separated) is excluded.</summary>
    public bool IsExcluded(string path)
    {
        var matched = false;
        var slash = path.LastIndexOf('/');
        var parentDirs = slash < 0 ? [] : path[..slash].Split('/');
        foreach (var rule in _rules)
        {
            if (rule.Exclusion != matched)
            {
                continue;
            }

            var match = rule.Regex.IsMatch(path);
            if (!match && parentDirs.Length > 0 && rule.Depth <= parentDirs.Length)
            {
                match = rule.Regex.IsMatch(string.Join('/', parentDirs.Take(rule.Depth)));
            }

            if (match)
            {
                matched = !rule.Exclusion;
            }
        }

        return matched;
    }

    private static Regex Compile(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            if (ch == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    i++;
                }

                regex.Append(i + 1 >= pattern.Length ? ".*" : "(.*/)?");
            }
            else if (ch == '*')
            {
                regex.Append("[^/]*");
            }
            else if (ch == '?')
            {
                regex.Append("[^/]");
            }
            else if (ch == '\\')
            {
                regex.Append(i + 1 < pattern.Length ? Regex.Escape(pattern[++i].ToString()) : @"\\");
            }
            else if (ch is '[' or ']' or '-' or '^')
            {
                regex.Append(ch);
            }
            else
            {
                regex.Append(Regex.Escape(ch.ToString()));
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>Go's <c>filepath.Clean</c> for '/' paths: collapses '//', '.', and '..' lexically.</summary>
    public static string CleanPath(string path)
    {
        var rooted = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part != ".." || !rooted)
            {
                parts.Add(part);
            }
        }

        var joined = string.Join('/', parts);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    private sealed record Rule(bool Exclusion, int Depth, Regex Regex);
}
