using Reconciler.Core.Desired;

namespace Reconciler.Worker.Api;

/// <summary>
/// Repository identities contain slashes (<c>github.com/acme/ml</c>), so routes take them as a catch-all tail,
/// written as is or URL-encoded (<c>github.com%2Facme%2Fml</c>): <c>/api/workspaces/github.com/acme/ml/web</c>,
/// or <c>/api/workspaces/web?repository=github.com/acme/ml</c>. Workspace names never contain a slash.
/// </summary>
internal static class ApiKeys
{
    public static string Decode(string path) => Uri.UnescapeDataString(path).Trim('/');

    /// <summary>The workspace named by the route tail (and the optional <c>repository</c> query value); null when malformed.</summary>
    public static WorkspaceKey? Workspace(string path, string? repository)
    {
        var tail = Decode(path);
        if (!string.IsNullOrEmpty(repository))
        {
            return tail.Length == 0 || tail.Contains('/', StringComparison.Ordinal) ? null : new WorkspaceKey(Decode(repository), tail);
        }

        var slash = tail.LastIndexOf('/');
        return slash <= 0 || slash == tail.Length - 1 ? null : new WorkspaceKey(tail[..slash], tail[(slash + 1)..]);
    }

    /// <summary>The repository of <c>POST /api/repositories/{identity}/sync</c>; null when the tail does not end in <c>/sync</c>.</summary>
    public static string? SyncTarget(string path)
    {
        const string suffix = "/sync";
        var tail = Decode(path);
        return tail.EndsWith(suffix, StringComparison.Ordinal) && tail.Length > suffix.Length ? tail[..^suffix.Length] : null;
    }
}
