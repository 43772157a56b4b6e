using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Documents;

/// <summary>
/// Maps JSON pointers (RFC 6901) of values in a parsed document to where they were written.
/// For an object member the pointer maps to the member's key; <see cref="ValueLocation"/> holds the value's own start.
/// </summary>
public sealed class SourceMap
{
    private const int MaxAliasHops = 8;

    private readonly Dictionary<string, SourceLocation> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _aliases = new(StringComparer.Ordinal);

    public SourceMap(string file) => File = file;

    public string File { get; }

    public void SetKey(string pointer, SourceLocation location) => _keys[pointer] = location;

    public void SetValue(string pointer, SourceLocation location) => _values[pointer] = location;

    /// <summary>Where the member named by <paramref name="pointer"/> was written (its key), else its value, else the nearest parent.</summary>
    public SourceLocation Locate(string pointer)
    {
        var current = pointer;
        while (true)
        {
            if (TryFind(_keys, current, out var key))
            {
                return key;
            }

            if (TryFind(_values, current, out var value))
            {
                return value;
            }

            if (current.Length == 0)
            {
                return SourceLocation.StartOf(File);
            }

            var slash = current.LastIndexOf('/');
            current = slash <= 0 ? "" : current[..slash];
        }
    }

    /// <summary>Where the value itself starts (falls back to <see cref="Locate"/>).</summary>
    public SourceLocation ValueLocation(string pointer)
        => TryFind(_values, pointer, out var value) ? value : Locate(pointer);

    /// <summary>
    /// Makes the locations under <paramref name="fromPrefix"/> answer for <paramref name="toPrefix"/> too (used when
    /// defaults are merged). Locations recorded under <paramref name="toPrefix"/> itself still win. Aliases are
    /// resolved on lookup rather than copied, so merging defaults into many workspaces stays linear.
    /// </summary>
    public void Alias(string fromPrefix, string toPrefix) => _aliases.TryAdd(toPrefix, fromPrefix);

    private bool TryFind(Dictionary<string, SourceLocation> table, string pointer, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SourceLocation? location)
    {
        // An alias target may itself be aliased; the hop limit keeps a cycle from looping.
        for (var hop = 0; hop < MaxAliasHops; hop++)
        {
            if (table.TryGetValue(pointer, out var found))
            {
                location = found;
                return true;
            }

            if (_aliases.Count == 0 || !TryResolveAlias(pointer, out pointer))
            {
                location = null;
                return false;
            }
        }

        location = null;
        return false;
    }

    private bool TryResolveAlias(string pointer, out string resolved)
    {
        var prefix = pointer;
        while (true)
        {
            if (_aliases.TryGetValue(prefix, out var from))
            {
                resolved = from + pointer[prefix.Length..];
                return true;
            }

            if (prefix.Length == 0)
            {
                resolved = pointer;
                return false;
            }

            var slash = prefix.LastIndexOf('/');
            prefix = slash <= 0 ? "" : prefix[..slash];
        }
    }
}
