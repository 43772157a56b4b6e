using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.GitHub.Webhooks.Parsing;

/// <summary>Reads a <c>pull_request</c> payload (https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request).</summary>
internal static class PullRequestPayload
{
    public static PullRequestEvent Read(PayloadObject root)
    {
        var pullRequest = root.Object("pull_request");
        var head = pullRequest.Object("head");
        var @base = pullRequest.Object("base");
        return new PullRequestEvent(
            Action: root.String("action"),
            Number: root.Int32("number"),
            Head: new PullRequestHead(
                PayloadValues.Sha(head, "sha"),
                PayloadValues.RefName(head, "ref"),
                head.OptionalObject("repo") is { } repo ? PayloadValues.Repository(repo) : null),
            Base: new PullRequestBase(
                PayloadValues.Sha(@base, "sha"),
                PayloadValues.RefName(@base, "ref"),
                PayloadValues.Repository(@base.Object("repo"))),
            Merged: pullRequest.Boolean("merged", whenAbsent: false),
            SenderLogin: root.Object("sender").String("login"));
    }
}
