using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Policies.Effective;

/// <summary>
/// What policies judge: one workspace entry (after <c>defaults:</c>) joined with its devcontainer configuration,
/// as one JSON object <c>{ repository, workspace, devcontainer, runArgs, mounts, localEnv, user }</c>
/// (docs/schemas/effective-workspace.schema.json). <see cref="Sources"/> maps every value back to the YAML or JSONC
/// position, and the source pointer, that produced it.
/// </summary>
public sealed record EffectiveWorkspace(
    string Repository,
    string Workspace,
    string? Team,
    string? Owner,
    JObject Root,
    EffectiveSourceMap Sources);

/// <summary>Where a value of the effective document came from: a file position and the pointer inside that file.</summary>
public sealed record SourceRef(SourceLocation Location, string Pointer);

/// <summary>Effective-document pointer → <see cref="SourceRef"/>; a pointer with no entry answers with its nearest ancestor's.</summary>
public sealed class EffectiveSourceMap(SourceRef root)
{
    private readonly Dictionary<string, SourceRef> _sources = new(StringComparer.Ordinal) { [""] = root };

    public int Count => _sources.Count;

    public void Set(string pointer, SourceRef source) => _sources[pointer] = source;

    public SourceRef Resolve(string pointer)
    {
        var current = pointer;
        while (true)
        {
            if (_sources.TryGetValue(current, out var found))
            {
                return found;
            }

            var slash = current.LastIndexOf('/');
            current = slash <= 0 ? "" : current[..slash];
        }
    }
}
