using System.Text.RegularExpressions;

namespace Reconciler.Core.Repositories;

/// <summary>
/// The stable identity of a repository, shared by every source (local checkout, git remote) so that the
/// same repository gets the same labels and workspace names whichever way it was read.
/// </summary>
public static partial class RepositoryIdentity
{
    /// <summary><c>https://token@github.com/acme/ml.git</c> and <c>git@github.com:acme/ml.git</c> → <c>github.com/acme/ml</c>; credentials are dropped.</summary>
    public static string FromUrl(string url)
    {
        var match = ScpLike().Match(url);
        string hostAndPath;
        if (match.Success)
        {
            hostAndPath = match.Groups["host"].Value + "/" + match.Groups["path"].Value;
        }
        else if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            hostAndPath = uri.Host + (uri.IsDefaultPort ? "" : ":" + uri.Port) + uri.AbsolutePath;
        }
        else
        {
            hostAndPath = url;
        }

        hostAndPath = hostAndPath.TrimEnd('/');
        return hostAndPath.EndsWith(".git", StringComparison.Ordinal) ? hostAndPath[..^4] : hostAndPath;
    }

    [GeneratedRegex(@"^(?:[^@/]+@)?(?<host>[^:/]+):(?<path>[^/].*)$")]
    private static partial Regex ScpLike();
}
