using System.Collections.Concurrent;
using Octokit;

namespace Reconciler.GitHub.Checks;

/// <summary>
/// Authenticated Octokit clients for a repository. With a token: one client with that token. As a GitHub App: a
/// client signed with an <see cref="AppJwt"/> finds the repository's installation and exchanges the JWT for an
/// installation access token, cached until five minutes before it expires.
/// </summary>
internal sealed class GitHubClients(GitHubReportingOptions options, TimeProvider time, GitHubRetry retry)
{
    private static readonly ProductHeaderValue Product = new("reconciler");
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, long> _installations = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, (AccessToken Token, GitHubClient Client)> _tokens = new();
    private GitHubClient? _tokenClient;

    public async Task<IGitHubClient> ForAsync(string owner, string name, CancellationToken cancellationToken)
    {
        if (!options.IsApp)
        {
            return _tokenClient ??= Client(new Credentials(options.Token));
        }

        var installation = await InstallationAsync(owner, name, cancellationToken);
        if (!_tokens.TryGetValue(installation, out var cached) || cached.Token.ExpiresAt - RenewBefore <= time.GetUtcNow())
        {
            var app = AppClient();
            var token = await retry.RunAsync(() => app.GitHubApps.CreateInstallationToken(installation), cancellationToken);
            cached = (token, Client(new Credentials(token.Token)));
            _tokens[installation] = cached;
        }

        return cached.Client;
    }

    /// <summary>Forgets the cached installation token (after GitHub refused it).</summary>
    public void Invalidate() => _tokens.Clear();

    private async Task<long> InstallationAsync(string owner, string name, CancellationToken cancellationToken)
    {
        var key = owner + "/" + name;
        if (_installations.TryGetValue(key, out var id))
        {
            return id;
        }

        var app = AppClient();
        var installation = await retry.RunAsync(() => app.GitHubApps.GetRepositoryInstallationForCurrent(owner, name), cancellationToken);
        _installations[key] = installation.Id;
        return installation.Id;
    }

    private GitHubClient AppClient()
        => Client(new Credentials(AppJwt.Create(options.AppId!.Value, options.PrivateKeyPem!, time.GetUtcNow()), AuthenticationType.Bearer));

    private GitHubClient Client(Credentials credentials) => new(Product, options.ApiUrl) { Credentials = credentials };
}
