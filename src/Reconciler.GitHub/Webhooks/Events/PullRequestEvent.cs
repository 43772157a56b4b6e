namespace Reconciler.GitHub.Webhooks.Events;

/// <summary>
/// A <c>pull_request</c> event (opened, synchronize, reopened, closed, …), handed to the PR-check component.
/// The head may live in a fork; code from a fork is untrusted and <see cref="IsFork"/> says so.
/// </summary>
public sealed record PullRequestEvent(
    string Action,
    int Number,
    PullRequestHead Head,
    PullRequestBase Base,
    bool Merged,
    string SenderLogin) : WebhookEvent("pull_request")
{
    /// <summary>
    /// True when the head repository is not the base repository. A head whose repository was deleted
    /// (GitHub sends <c>"repo": null</c>) counts as a fork: nothing proves it is the same repository.
    /// </summary>
    public bool IsFork => Head.Repository is null
                          || !string.Equals(Head.Repository.FullName, Base.Repository.FullName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The proposed change: commit, branch and repository (null when the fork was deleted).</summary>
public sealed record PullRequestHead(string Sha, string Ref, GitHubRepository? Repository);

/// <summary>The target: branch, the commit it pointed at when the event was sent, and repository.</summary>
public sealed record PullRequestBase(string Sha, string Ref, GitHubRepository Repository);
