namespace Reconciler.GitHub.Webhooks.Events;

/// <summary>
/// A <c>push</c>: <see cref="Ref"/> moved from <see cref="Before"/> to <see cref="After"/>. A deleted branch or
/// tag arrives with <see cref="Deleted"/> set, an all-zero <see cref="After"/> and no head commit; it is passed on
/// so the host can stop or remove what that branch ran.
/// </summary>
public sealed record PushEvent(
    GitHubRepository Repository,
    string Ref,
    string? Before,
    string After,
    bool Deleted,
    bool Created,
    bool Forced,
    HeadCommit? HeadCommit,
    GitActor Pusher,
    string? SenderLogin) : WebhookEvent("push")
{
    private const string BranchPrefix = "refs/heads/";
    private const string TagPrefix = "refs/tags/";

    /// <summary>The branch name for <c>refs/heads/…</c>, otherwise null (a tag or another ref).</summary>
    public string? Branch => Ref.StartsWith(BranchPrefix, StringComparison.Ordinal) ? Ref[BranchPrefix.Length..] : null;

    /// <summary>The tag name for <c>refs/tags/…</c>, otherwise null.</summary>
    public string? Tag => Ref.StartsWith(TagPrefix, StringComparison.Ordinal) ? Ref[TagPrefix.Length..] : null;
}

/// <summary>The newest commit of a push. GitHub gives one timestamp, the commit's.</summary>
public sealed record HeadCommit(string Id, string? Message, DateTimeOffset Timestamp, GitActor Author, GitActor Committer);

/// <summary>A name and e-mail as git records them; the e-mail may be absent.</summary>
public sealed record GitActor(string Name, string? Email);
