using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Core.Desired;

/// <summary>
/// Runtime object names derived from a workspace key: <c>rc-&lt;repo&gt;-&lt;workspace&gt;-&lt;hash8&gt;</c>.
/// The hash of the full repository identity keeps two repositories with the same last segment apart;
/// the readable parts help a person running <c>docker ps</c>. At most 63 characters (a DNS label).
/// </summary>
public static class WorkspaceNames
{
    private const int MaxLength = 63;

    public static string Base(WorkspaceKey key)
    {
        var hash = RepositoryHash(key.Repository);
        var repository = Slug(LastSegment(key.Repository));
        var workspace = Slug(key.Workspace);

        // Leave room for the longest suffix a volume name adds ("-workspace").
        var budget = MaxLength - "rc-".Length - 2 - hash.Length - "-workspace".Length;
        if (repository.Length + workspace.Length > budget)
        {
            var workspaceBudget = Math.Min(workspace.Length, Math.Max(budget / 2, budget - repository.Length));
            workspace = workspace[..workspaceBudget].TrimEnd('-');
            repository = repository[..Math.Min(repository.Length, budget - workspace.Length)].TrimEnd('-');
        }

        return $"rc-{Or(repository, "repo")}-{Or(workspace, "ws")}-{hash}";
    }

    /// <summary>First 8 hex digits of SHA-256 of the repository identity.</summary>
    public static string RepositoryHash(string repository)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository)))[..8];

    public static string WorkspaceVolume(WorkspaceKey key) => Base(key) + "-workspace";

    public static string StorageVolume(WorkspaceKey key, string storageName) => Base(key) + "-" + Or(Slug(storageName), "storage");

    /// <summary>Lowercase letters and digits, runs of anything else collapsed to one '-'.</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            if (ch is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(ch);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }

    private static string LastSegment(string repository)
    {
        var trimmed = repository.TrimEnd('/');
        if (trimmed.EndsWith(".git", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[..^4];
        }

        var slash = trimmed.LastIndexOfAny(['/', ':']);
        return slash >= 0 ? trimmed[(slash + 1)..] : trimmed;
    }

    private static string Or(string value, string fallback) => value.Length > 0 ? value : fallback;
}
