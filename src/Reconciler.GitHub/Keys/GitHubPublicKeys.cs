using System.Collections.Concurrent;
using Octokit;
using Reconciler.GitHub.Checks;

namespace Reconciler.GitHub.Keys;

/// <summary>
/// The public SSH keys of GitHub accounts (<c>GET /users/{username}/keys</c>, through Octokit), for owners configured as
/// <c>access.sshKeys.&lt;user&gt;: { github: LOGIN }</c>. Answers are cached for <see cref="CacheFor"/>; when GitHub cannot
/// be asked, the last answer is used, and without one the call throws <see cref="GitHubKeysUnavailableException"/>.
/// Uses the worker's GitHub token and API URL when it has them (the endpoint is public, so an App-only or absent
/// <c>github</c> section asks without credentials).
/// </summary>
public sealed class GitHubPublicKeys(GitHubReportingOptions? options, TimeProvider time)
{
    private static readonly ProductHeaderValue Product = new("reconciler");
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, IReadOnlyList<string> Keys)> _cache = new(StringComparer.OrdinalIgnoreCase);
    private GitHubClient? _client;

    /// <summary>How long an answer is used before GitHub is asked again. Default: 10 minutes.</summary>
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Calls made to GitHub so far (for tests of the cache).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    private long _requests;

    public async Task<IReadOnlyList<string>> ForAsync(string login, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(login, out var cached) && now - cached.At < CacheFor)
        {
            return cached.Keys;
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            Interlocked.Increment(ref _requests);
            var keys = (await Client().User.GitSshKey.GetAll(login))
                .Select(k => k.Key?.Trim())
                .OfType<string>()
                .Where(k => k.Length > 0 && !k.Contains('\n', StringComparison.Ordinal))
                .ToList();
            _cache[login] = (now, keys);
            return keys;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (cached.Keys is not null)
            {
                return cached.Keys;
            }

            throw new GitHubKeysUnavailableException($"the public keys of GitHub user '{login}' could not be read: {Describe(e)}", e);
        }
    }

    private static string Describe(Exception e) => e is ApiException api ? $"GitHub answered {(int)api.StatusCode}" : e.Message;

    private GitHubClient Client()
        => _client ??= new GitHubClient(Product, options?.ApiUrl ?? GitHubReportingOptions.DefaultApiUrl)
        {
            Credentials = options?.Token is { } token ? new Credentials(token) : Credentials.Anonymous,
        };
}

/// <summary>GitHub could not be asked for a user's keys and none were cached.</summary>
public sealed class GitHubKeysUnavailableException(string message, Exception inner) : Exception(message, inner);
