namespace Reconciler.GitHub.Webhooks.Events;

/// <summary>A repository as a payload names it. <see cref="FullName"/> is <c>owner/name</c>.</summary>
public sealed record GitHubRepository(string FullName, Uri CloneUrl, Uri HtmlUrl)
{
    /// <summary>
    /// The repository identity the rest of the worker uses (<c>github.com/owner/name</c>): host, non-default
    /// port and path of the clone URL without <c>.git</c>, the same form a local checkout's origin normalises to.
    /// </summary>
    public string Identity
    {
        get
        {
            var path = CloneUrl.AbsolutePath.TrimEnd('/');
            path = path.EndsWith(".git", StringComparison.Ordinal) ? path[..^4] : path;
            return CloneUrl.Host + (CloneUrl.IsDefaultPort ? "" : ":" + CloneUrl.Port) + path;
        }
    }
}
