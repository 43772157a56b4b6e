using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.Storage.Sqlite;
using Reconciler.Storage.Sqlite.Secrets;
using Reconciler.Worker.Access;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Api;

/// <summary>
/// Connection information (docs/access.md): <c>GET /api/workspaces/{repository}/{workspace}/connect</c> for the owner's
/// team and admins (another team: 404); <c>POST</c> / <c>DELETE …/connect-token</c> issue (replacing the previous one)
/// and revoke the workspace's connection token; <c>GET /connect/{cluster}/{region}/{namespace}/{workspace}/{token}</c>
/// answers the same data to whoever holds a live token, without a user token. For Docker, cluster is the Docker host
/// name, region is <c>local</c>, namespace the repository identity URL-encoded as one segment.
/// </summary>
internal static partial class ConnectRoutes
{
    public const string ConnectSuffix = "/connect";
    public const string TokenSuffix = "/connect-token";
    public const string Region = "local";

    public static async Task<IResult> ConnectAsync(HttpContext context, WorkspaceStatusRecord workspace, CancellationToken cancellationToken)
        => ApiResults.Ok(await Reader(context).ReadAsync(workspace.Key, workspace.RuntimeHost, cancellationToken));

    public static async Task<IResult> IssueAsync(HttpContext context, WorkspaceStatusRecord workspace, IStateStore store, CancellationToken cancellationToken)
    {
        var key = workspace.Key;
        var token = await context.RequestServices.GetRequiredService<IConnectionTokenStore>().IssueAsync(key, cancellationToken);
        var caller = context.Caller();
        await store.AppendEventAsync(new NewAuditEvent(key.Repository, key.Workspace, null, caller.Actor, "connect-token", "issued", "connection token issued"), cancellationToken);
        TokenChanged(Logger(context), caller.Name, "issued", key.ToString());
        var path = $"/connect/{Uri.EscapeDataString(workspace.RuntimeHost ?? "default")}/{Region}/{Uri.EscapeDataString(key.Repository)}/{Uri.EscapeDataString(key.Workspace)}/{token}";
        return Results.Json(new ConnectionTokenIssued(key.Repository, key.Workspace, path), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public static async Task<IResult> RevokeAsync(HttpContext context, WorkspaceStatusRecord workspace, IStateStore store, CancellationToken cancellationToken)
    {
        var key = workspace.Key;
        var revoked = await context.RequestServices.GetRequiredService<IConnectionTokenStore>().RevokeAsync(key, cancellationToken);
        var caller = context.Caller();
        await store.AppendEventAsync(new NewAuditEvent(key.Repository, key.Workspace, null, caller.Actor, "connect-token", revoked ? "revoked" : "none", "connection token revoked"), cancellationToken);
        TokenChanged(Logger(context), caller.Name, "revoked", key.ToString());
        return revoked ? Results.NoContent() : ApiResults.NotFound(context);
    }

    /// <summary>The unauthenticated IDE address. Every mismatch (unknown or revoked token, other path) is the same 404.</summary>
    public static async Task<IResult> ByTokenAsync(
        HttpContext context, string cluster, string region, string @namespace, string workspace, string token,
        IConnectionTokenStore tokens, IStateStore store, CancellationToken cancellationToken)
    {
        if (await tokens.FindAsync(token, cancellationToken) is not { } key
            || key != new WorkspaceKey(Uri.UnescapeDataString(@namespace), Uri.UnescapeDataString(workspace))
            || region != Region
            || await store.GetWorkspaceStatusAsync(key, cancellationToken) is not { } status
            || (status.RuntimeHost ?? "default") != Uri.UnescapeDataString(cluster))
        {
            return Results.Json(new ApiError("not found"), ApiJson.Options, statusCode: StatusCodes.Status404NotFound);
        }

        return ApiResults.Ok(await Reader(context).ReadAsync(key, status.RuntimeHost, cancellationToken));
    }

    private static ConnectionInfoReader Reader(HttpContext context)
    {
        var services = context.RequestServices;
        return new ConnectionInfoReader(
            services.GetRequiredService<RuntimeSet>(),
            services.GetRequiredService<WorkerSettings>(),
            services.GetService<IWorkspaceSecretStore>(),
            services.GetService<Access.Jumpserver.JumpserverStep>());
    }

    private static ILogger Logger(HttpContext context)
        => context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectRoutes).FullName!);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "{Caller} {Change} the connection token of {Workspace}")]
    private static partial void TokenChanged(ILogger logger, string caller, string change, string workspace);
}

/// <summary>The connection-token URL path, shown once: only its hash is kept.</summary>
internal sealed record ConnectionTokenIssued(string Repository, string Workspace, string Path);
