using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.GitHub.Webhooks.Parsing;

/// <summary>Reads a <c>push</c> payload (https://docs.github.com/webhooks/webhook-events-and-payloads#push).</summary>
internal static class PushPayload
{
    public static PushEvent Read(PayloadObject root)
    {
        var headCommit = root.OptionalObject("head_commit");
        return new PushEvent(
            Repository: PayloadValues.Repository(root.Object("repository")),
            Ref: PayloadValues.RefName(root, "ref"),
            Before: root.OptionalString("before") is null ? null : PayloadValues.Sha(root, "before"),
            After: PayloadValues.Sha(root, "after"),
            Deleted: root.Boolean("deleted", whenAbsent: false),
            Created: root.Boolean("created", whenAbsent: false),
            Forced: root.Boolean("forced", whenAbsent: false),
            HeadCommit: headCommit is { } commit ? ReadCommit(commit) : null,
            Pusher: PayloadValues.Actor(root.Object("pusher")),
            SenderLogin: root.OptionalObject("sender")?.String("login"));
    }

    private static HeadCommit ReadCommit(PayloadObject commit) => new(
        Id: PayloadValues.Sha(commit, "id"),
        Message: commit.OptionalString("message"),
        Timestamp: commit.Timestamp("timestamp"),
        Author: PayloadValues.Actor(commit.Object("author")),
        Committer: PayloadValues.Actor(commit.Object("committer")));
}
