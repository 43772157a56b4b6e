using LibGit2Sharp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Repositories;
using Reconciler.Source.Git.Cache;
using Reconciler.Source.Git.Content;
using Reconciler.Source.Git.Errors;

namespace Reconciler.Source.Git;

/// <summary>
/// One remote repository, cached as a bare clone. A poll costs one ls-remote; objects are fetched only when a
/// tracked head moved. Calls on one source are serialised; different sources share nothing, so one broken
/// repository never delays another. libgit2 blocks, so every network step runs on the thread pool and
/// cancellation is honoured between steps and inside transfers.
/// </summary>
public sealed class GitRepositorySource : IDisposable
{
    private readonly GitRepositoryOptions _options;
    private readonly GitRemote _remote;
    private readonly RepositoryCache _cache;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public GitRepositorySource(GitRepositoryOptions options, ILogger<GitRepositorySource>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Branches.Count == 0 || options.Branches.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("at least one non-empty branch must be tracked", nameof(options));
        }

        _options = options;
        _remote = new GitRemote(options);
        _cache = new RepositoryCache(options.CacheRoot, _remote.Url);
        _logger = logger ?? NullLogger<GitRepositorySource>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        Identity = RepositoryIdentity.FromUrl(_remote.Url);
    }

    /// <summary>Normalised <c>host/owner/name</c>, without credentials.</summary>
    public string Identity { get; }

    /// <summary>Folder of the bare clone.</summary>
    public string CachePath => _cache.Folder;

    /// <summary>Tracked branch → head commit on the remote; branches the remote lacks are absent. Transfers no objects.</summary>
    public Task<IReadOnlyDictionary<string, string>> ListRemoteHeadsAsync(CancellationToken cancellationToken)
        => Task.Run<IReadOnlyDictionary<string, string>>(() => ListHeads(cancellationToken), cancellationToken);

    /// <summary>Clones on first use (or when the cache is corrupt), otherwise fetches only the tracked branches whose remote head moved.</summary>
    public async Task<GitSyncResult> SyncAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => Sync(cancellationToken), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Makes pull request <paramref name="number"/>'s head commit <paramref name="headSha"/> readable with
    /// <see cref="OpenCommit"/>: nothing is transferred when the cache already has it (the head of an updated branch,
    /// a re-delivered webhook); otherwise clones on first use and fetches <see cref="PullRequestFetch.RemoteRef"/>.
    /// A head the remote does not have (the pull request moved on, or the ref is gone) is <see cref="Errors.GitFailureKind.NotFound"/>.
    /// </summary>
    public async Task<bool> FetchPullRequestAsync(int number, string headSha, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(() => FetchPullRequest(number, headSha, cancellationToken), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Read access to the cached commit <paramref name="sha"/>; dispose it when done.</summary>
    public GitCommitContent OpenCommit(string sha)
    {
        try
        {
            return new GitCommitContent(_cache.Folder, Identity, sha);
        }
        catch (LibGit2SharpException error)
        {
            throw _remote.Map(error, "open " + sha);
        }
    }

    public void Dispose() => _gate.Dispose();

    private Dictionary<string, string> ListHeads(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return _remote.ListHeads(_options.Branches);
        }
        catch (LibGit2SharpException error)
        {
            throw Fail(error, "ls-remote");
        }
    }

    private GitSyncResult Sync(CancellationToken cancellationToken)
    {
        var recloned = false;
        if (_cache.Exists && !_cache.IsHealthy(_options.Branches))
        {
            Log.CacheCorrupt(_logger, Identity, _cache.Folder);
            _cache.Delete();
            recloned = true;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!_cache.Exists)
        {
            Clone(cancellationToken);
            return new GitSyncResult(LocalHeads(_ => true), Cloned: true, recloned);
        }

        var remote = ListHeads(cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var moved = MovedBranches(remote);
        if (moved.Count == 0)
        {
            Log.UpToDate(_logger, Identity);
            return new GitSyncResult(LocalHeads(_ => false, remote), Cloned: false, recloned);
        }

        Fetch(moved, cancellationToken);
        return new GitSyncResult(LocalHeads(moved.Contains, remote), Cloned: false, recloned);
    }

    private void Clone(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var options = new CloneOptions(_remote.FetchOptions(cancellationToken)) { IsBare = true, Checkout = false };
        try
        {
            _cache.Clone(_remote.Url, options);
        }
        catch (UserCancelledException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (LibGit2SharpException error)
        {
            throw Fail(error, "clone");
        }

        Log.Cloned(_logger, Identity, _cache.Folder, (long)_time.GetElapsedTime(started).TotalMilliseconds);
    }

    private void Fetch(IReadOnlyCollection<string> branches, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var refSpecs = branches.Select(b => $"+refs/heads/{b}:{RepositoryCache.TrackingRef(b)}").ToArray();
        try
        {
            using var repository = new Repository(_cache.Folder);
            Commands.Fetch(repository, "origin", refSpecs, _remote.FetchOptions(cancellationToken), logMessage: null);
        }
        catch (UserCancelledException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (LibGit2SharpException error)
        {
            throw Fail(error, "fetch");
        }

        Log.Fetched(_logger, Identity, string.Join(',', branches), (long)_time.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>True when objects were transferred.</summary>
    private bool FetchPullRequest(int number, string headSha, CancellationToken cancellationToken)
    {
        if (!_cache.Exists)
        {
            Clone(cancellationToken);
        }

        if (HasCommit(headSha))
        {
            return false;
        }

        var started = _time.GetTimestamp();
        try
        {
            using var repository = new Repository(_cache.Folder);
            Commands.Fetch(repository, "origin", [$"+{PullRequestFetch.RemoteRef(number)}:{PullRequestFetch.LocalRef(number)}"], _remote.FetchOptions(cancellationToken), logMessage: null);
        }
        catch (UserCancelledException)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (LibGit2SharpException error)
        {
            throw Fail(error, "fetch pull request");
        }

        if (!HasCommit(headSha))
        {
            throw new GitSourceException(GitFailureKind.NotFound, $"{PullRequestFetch.RemoteRef(number)} of {Identity} does not hold {headSha}; the pull request moved on or was closed");
        }

        Log.Fetched(_logger, Identity, PullRequestFetch.RemoteRef(number), (long)_time.GetElapsedTime(started).TotalMilliseconds);
        return true;
    }

    private bool HasCommit(string sha)
    {
        using var repository = new Repository(_cache.Folder);
        return ObjectId.TryParse(sha, out var id) && repository.Lookup<Commit>(id) is not null;
    }

    private HashSet<string> MovedBranches(Dictionary<string, string> remote)
    {
        using var repository = new Repository(_cache.Folder);
        return _options.Branches
            .Where(b => remote.TryGetValue(b, out var sha) && !string.Equals(RepositoryCache.LocalHead(repository, b), sha, StringComparison.Ordinal))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Heads now in the cache; a branch the remote no longer has reports no commit.</summary>
    private List<GitBranchSync> LocalHeads(Func<string, bool> fetched, Dictionary<string, string>? remote = null)
    {
        using var repository = new Repository(_cache.Folder);
        return _options.Branches
            .Select(b =>
            {
                var local = remote is null || remote.ContainsKey(b) ? RepositoryCache.LocalHead(repository, b) : null;
                return new GitBranchSync(b, local, fetched(b) && local is not null);
            })
            .ToList();
    }

    private GitSourceException Fail(Exception error, string operation)
    {
        var failure = _remote.Map(error, operation);
        Log.Failed(_logger, operation, Identity, failure.Kind, failure.Message);
        return failure;
    }
}
