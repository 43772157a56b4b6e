using LibGit2Sharp;
using LibGit2Sharp.Handlers;
using Reconciler.Source.Git.Errors;

namespace Reconciler.Source.Git;

/// <summary>
/// The remote end of a source: its credential-free URL, the credentials handed to libgit2 through a callback
/// (never through the URL, so they are not written into the cache's config), and the secrets to redact.
/// </summary>
internal sealed class GitRemote
{
    public GitRemote(GitRepositoryOptions options)
    {
        Url = UrlRedactor.StripUserInfo(options.Url.Trim(), out var user, out var password);
        var credentials = options.Credentials;
        if (credentials.Kind == GitCredentialKind.None && user is not null)
        {
            credentials = password is null ? GitCredentials.Token(user) : GitCredentials.Basic(user, password);
        }

        Secrets = new[] { credentials.Secret, password ?? "", password is null ? user ?? "" : "" }
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        CredentialsHandler = credentials.Kind == GitCredentialKind.None
            ? null
            : (_, _, _) => new UsernamePasswordCredentials { Username = credentials.UserName, Password = credentials.Secret };
    }

    /// <summary>The URL without user-info.</summary>
    public string Url { get; }

    public IReadOnlyCollection<string> Secrets { get; }

    public CredentialsHandler? CredentialsHandler { get; }

    public string Redact(string text) => UrlRedactor.Redact(text, Secrets);

    public GitSourceException Map(Exception error, string operation) => GitErrorMapper.Map(error, operation, Url, Secrets);

    /// <summary>Fetch options whose progress callbacks stop the transfer once <paramref name="cancellationToken"/> fires.</summary>
    public FetchOptions FetchOptions(CancellationToken cancellationToken) => new()
    {
        CredentialsProvider = CredentialsHandler,
        TagFetchMode = TagFetchMode.None,
        OnProgress = _ => !cancellationToken.IsCancellationRequested,
        OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
    };

    /// <summary>Heads of the tracked branches on the remote (<c>git ls-remote</c>; no objects are transferred).</summary>
    public Dictionary<string, string> ListHeads(IReadOnlyList<string> branches)
    {
        var references = CredentialsHandler is null
            ? Repository.ListRemoteReferences(Url)
            : Repository.ListRemoteReferences(Url, CredentialsHandler);
        var heads = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var reference in references)
        {
            const string prefix = "refs/heads/";
            if (reference.CanonicalName.StartsWith(prefix, StringComparison.Ordinal)
                && branches.Contains(reference.CanonicalName[prefix.Length..], StringComparer.Ordinal))
            {
                heads[reference.CanonicalName[prefix.Length..]] = reference.TargetIdentifier;
            }
        }

        return heads;
    }
}
