using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Queue;
using Reconciler.Core.State;
using Reconciler.Worker.Access;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Api;

/// <summary>
/// <c>POST /api/workspaces/{repository}/{workspace}/jupyter/rotate</c>: a new Jupyter token, then the container is
/// removed (volumes kept) and the repository queued, so the pass creates it again with the new token. Same
/// visibility as reading the workspace: another team's workspace is 404. The token is never in the answer or a log.
/// </summary>
internal static partial class AccessRoutes
{
    public const string RotateSuffix = "/jupyter/rotate";

    public static async Task<IResult> RotateJupyterAsync(
        HttpContext context, WorkspaceStatusRecord workspace, IStateStore store, RuntimeSet runtimes, WorkQueue queue, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var key = workspace.Key;
        var caller = context.Caller();
        if (context.RequestServices.GetService<JupyterTokens>() is not { } tokens)
        {
            return Results.Json(new ApiError("no secrets key is configured (RECONCILER_SECRETS_KEY or database.secretsKeyFile), so there is no Jupyter token to rotate"),
                ApiJson.Options, statusCode: StatusCodes.Status409Conflict);
        }

        await tokens.RotateAsync(key, cancellationToken);
        var host = workspace.RuntimeHost ?? "default";
        // A follower replica changes nothing on the runtime; the leader's next pass recreates the container.
        var removed = context.RequestServices.GetRequiredService<Leadership.WorkerLeadership>().IsLeader
            && runtimes.HostNames.Contains(host) && await runtimes[host].RemoveContainerAsync(key, cancellationToken);
        queue.Add(new ReconcileKey(key.Repository));
        JupyterRotated(loggers.CreateLogger(typeof(AccessRoutes).FullName!), caller.Name, key.ToString(), removed);
        await store.AppendEventAsync(
            new NewAuditEvent(key.Repository, key.Workspace, null, caller.Actor, "jupyter-rotate", "queued", "Jupyter token rotated; the container is created again"),
            cancellationToken);
        return ApiResults.Accepted(new JupyterRotated(key.Repository, key.Workspace, removed));
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "{Caller} rotated the Jupyter token of {Workspace}; container removed for recreate: {Removed}")]
    private static partial void JupyterRotated(ILogger logger, string caller, string workspace, bool removed);
}

/// <summary>The answer to a rotation: the token itself is only ever in the container's environment.</summary>
internal sealed record JupyterRotated(string Repository, string Workspace, bool Recreating);
