using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconciler.Worker.Metrics;

namespace Reconciler.Worker.Api;

/// <summary>
/// The API's answers. Refusals are counted (<c>reconciler_api_requests_denied_total</c>) and logged by method,
/// path and reason, never with a header. Every 404 counts as <c>not_found</c>, whether the resource is missing or
/// another team's: counting only hidden ones would let an open <c>/metrics</c> reveal what exists.
/// </summary>
internal static partial class ApiResults
{
    public static IResult Ok<T>(T value) => Results.Json(value, ApiJson.Options);

    public static IResult Accepted<T>(T value) => Results.Json(value, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);

    public static IResult BadRequest(string message) => Results.Json(new ApiError(message), ApiJson.Options, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>401 with <c>WWW-Authenticate: Bearer</c> (RFC 6750); <c>error="invalid_token"</c> when a token was presented.</summary>
    public static IResult Unauthenticated(HttpContext context)
    {
        var presented = context.Request.Headers.Authorization.Count > 0;
        context.Response.Headers.WWWAuthenticate = presented ? "Bearer realm=\"reconciler\", error=\"invalid_token\"" : "Bearer realm=\"reconciler\"";
        Deny(context, DenialReason.Unauthenticated);
        return Results.Json(new ApiError("a valid bearer token is required"), ApiJson.Options, statusCode: StatusCodes.Status401Unauthorized);
    }

    public static IResult NotFound(HttpContext context)
    {
        Deny(context, DenialReason.NotFound);
        return Results.Json(new ApiError("not found"), ApiJson.Options, statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>The caller the authentication filter put on the request.</summary>
    public static ApiCaller Caller(this HttpContext context) => (ApiCaller)context.Items[typeof(ApiCaller)]!;

    private static void Deny(HttpContext context, DenialReason reason)
    {
        context.RequestServices.GetRequiredService<WorkerMetrics>().Deny(reason);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiResults).FullName!);
        var caller = context.Items.TryGetValue(typeof(ApiCaller), out var value) && value is ApiCaller known ? known.Name : "-";
        Denied(logger, context.Request.Method, context.Request.Path.Value ?? "", reason.ToString(), caller);
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "API {Method} {Path} refused: {Reason} (caller {Caller})")]
    private static partial void Denied(ILogger logger, string method, string path, string reason, string caller);
}
