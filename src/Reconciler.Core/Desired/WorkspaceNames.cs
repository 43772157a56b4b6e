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
    public static string Base(WorkspaceKey key)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Repository)))[..8];
        var repo = Slug(key.Repository.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "repo");
        var workspace = Slug(key.Workspace);
        var budget = 63 - "rc-".Length - hash.Length - 2 - "-workspace".Length;
        if (repo.Length + workspace.Length > budget)
        {
            repo = repo[..Math.Max(1, budget - Math.Min(workspace.Length, budget - 1))].TrimEnd('-');
            workspace = workspace[..Math.Min(workspace.Length, budget - repo.Length)].TrimEnd('-');
        }

        return $"rc-{repo}-{workspace}-{hash}";
    }

    public static string WorkspaceVolume(WorkspaceKey key) => Base(key) + "-workspace";

    public static string StorageVolume(WorkspaceKey key, string storageName) => Base(key) + "-" + Slug(storageName);

    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        var slug = builder.ToString().Trim('-');
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        return slug.Length == 0 ? "x" : slug;
    }
}
