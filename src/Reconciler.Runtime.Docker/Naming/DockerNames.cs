using System.Security.Cryptography;
using System.Text;
using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Docker.Naming;

/// <summary>
/// Names of the Docker objects of one workspace. The hash of the full repository identity keeps two
/// repositories with the same last segment apart; the slugs only make names readable.
/// </summary>
internal static class DockerNames
{
    private const int MaxLength = 63;

    /// <summary><c>rc-&lt;repo slug&gt;-&lt;workspace slug&gt;-&lt;8 hex&gt;</c>, at most 63 characters.</summary>
    public static string Container(WorkspaceKey key)
    {
        var hash = RepositoryHash(key.Repository);
        var repository = Slug(LastSegment(key.Repository));
        var workspace = Slug(key.Workspace);
        var budget = MaxLength - "rc-".Length - 2 - hash.Length;
        if (repository.Length + workspace.Length > budget)
        {
            var workspaceBudget = Math.Min(workspace.Length, Math.Max(budget / 2, budget - repository.Length));
            workspace = workspace[..workspaceBudget].TrimEnd('-');
            repository = repository[..Math.Min(repository.Length, budget - workspace.Length)].TrimEnd('-');
        }

        return $"rc-{Or(repository, "repo")}-{Or(workspace, "ws")}-{hash}";
    }

    /// <summary>The volume that holds the workspace folder.</summary>
    public static string WorkspaceVolume(WorkspaceKey key) => Container(key) + "-workspace";

    /// <summary>First 8 hex digits of SHA-256 of the repository identity.</summary>
    public static string RepositoryHash(string repository)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository)))[..8];

    internal static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var ch in text.ToLowerInvariant())
        {
            var keep = ch is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (keep)
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
