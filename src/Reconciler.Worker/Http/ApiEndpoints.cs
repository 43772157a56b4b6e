using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.Worker.Api;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.Http;

/// <summary>
/// The HTTP API under <c>/api</c> (docs/api.md). Every route needs <c>Authorization: Bearer TOKEN</c> with a token from
/// <c>api.tokens</c>: missing or wrong → 401. Repository identities contain slashes, so they are the tail of the path
/// (<see cref="ApiKeys"/>).
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api";

    public static IEndpointRouteBuilder MapReconcilerApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix).AddEndpointFilter(AuthenticateAsync);
        api.MapGet("/repositories", RepositoryRoutes.ListAsync);
        api.MapGet("/repositories/{**path}", RepositoryRoutes.GetAsync);
        api.MapPost("/repositories/{**path}", RepositoryRoutes.SyncAsync);
        api.MapGet("/workspaces", WorkspaceRoutes.ListAsync);
        api.MapGet("/workspaces/{**path}", WorkspaceActionRoutes.GetAsync);
        api.MapPost("/workspaces/{**path}", WorkspaceActionRoutes.PostAsync);
        api.MapDelete("/workspaces/{**path}", WorkspaceActionRoutes.DeleteAsync);
        api.MapGet("/events", EventRoutes.ListAsync);
        api.MapGet("/gpus", GpuRoutes.ListAsync);

        // The IDE address: its own 128-bit token instead of a bearer token (docs/access.md).
        endpoints.MapGet("/connect/{cluster}/{region}/{namespace}/{workspace}/{token}", ConnectRoutes.ByTokenAsync);
        api.MapGet("/vnc/{**path}", VncRoutes.GetAsync);
        return endpoints;
    }

    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (Authenticate(context) is not { } caller)
        {
            return ApiResults.Unauthenticated(context);
        }

        context.Items[typeof(ApiCaller)] = caller;
        return await next(invocation);
    }

    /// <summary>The caller of a request with exactly one <c>Authorization</c> header carrying a configured token.</summary>
    internal static ApiCaller? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization;
        return header.Count == 1 ? context.RequestServices.GetRequiredService<WorkerSettings>().ApiTokens.Authenticate(header[0]) : null;
    }
}
