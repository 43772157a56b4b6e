namespace Reconciler.Source.Git;

/// <summary>
/// Where a pull request's head is fetched from and kept: GitHub (and most forges) publish every pull request's head,
/// fork or not, as <c>refs/pull/N/head</c> of the base repository; the cache keeps it under <c>refs/reconciler/pull/N</c>,
/// outside the branches a sync fetches.
/// </summary>
public static class PullRequestFetch
{
    public static string RemoteRef(int number) => $"refs/pull/{number}/head";

    public static string LocalRef(int number) => $"refs/reconciler/pull/{number}";
}
