using Microsoft.Extensions.Logging;
using Reconciler.Core.Queue;
using Reconciler.GitHub.Webhooks;
using Reconciler.GitHub.Webhooks.Events;
using Reconciler.Worker.Repositories;

namespace Reconciler.Worker.Webhooks;

/// <summary>
/// A verified push enqueues its repository at once when the repository and branch are tracked; everything else
/// is ignored. Only enqueues (the request is waiting): the reconcile re-reads git itself, so the payload's
/// commit is never trusted as desired state.
/// </summary>
internal sealed partial class QueueingPushSink(RepositoryRegistry repositories, WorkQueue queue, ILogger<QueueingPushSink> logger) : IPushSink
{
    public void OnPush(PushEvent push)
    {
        var identity = push.Repository.Identity;
        if (repositories.Find(identity) is { } repository && push.Branch is { } branch && repository.Config.Branches.Contains(branch, StringComparer.Ordinal))
        {
            queue.Add(repository.Key);
            Queued(logger, identity, branch);
            return;
        }

        Ignored(logger, identity, push.Ref);
    }

    [LoggerMessage(EventId = 5050, Level = LogLevel.Information, Message = "Push to {Repository} {Branch}: queued")]
    private static partial void Queued(ILogger logger, string repository, string branch);

    [LoggerMessage(EventId = 5051, Level = LogLevel.Debug, Message = "Push to {Repository} {Ref}: not a tracked repository and branch; ignored")]
    private static partial void Ignored(ILogger logger, string repository, string @ref);
}
