using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reconciler.GitHub.Webhooks;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.PullRequests;

namespace Reconciler.Worker.Http;

/// <summary><c>POST /webhooks/github</c>: the body stream and headers go to <see cref="WebhookHandler"/>, its status comes back.</summary>
public static class WebhookEndpoints
{
    public const string Path = "/webhooks/github";

    public static IEndpointRouteBuilder MapGitHubWebhooks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, HandleAsync);
        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context, WebhookHandler handler, WorkerSettings settings)
    {
        var headers = context.Request.Headers;
        var request = new WebhookRequest(
            Header(headers, WebhookRequest.EventHeader),
            Header(headers, WebhookRequest.DeliveryHeader),
            Header(headers, WebhookRequest.SignatureHeader),
            context.Request.ContentLength);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = settings.WebhookOptions.MaxBodyBytes;
        }

        var response = await handler.HandleAsync(request, context.Request.Body, settings.WebhookSecrets, context.RequestAborted);
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (response.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The rest of an oversized body is not drained; the connection is closed instead.
            context.Response.Headers.Connection = "close";
        }

        await context.Response.WriteAsync(response.Message + "\n", context.RequestAborted);
    }

    private static string? Header(IHeaderDictionary headers, string name)
        => headers.TryGetValue(name, out var values) && values.Count == 1 ? values[0] : null;

    private static IServiceCollection AddSingletonIfMissing<TService, TImplementation>(this IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<TService, TImplementation>(services);
        return services;
    }

    /// <summary>Registers the handler and the sinks; called by the host only when webhooks are configured.</summary>
    internal static IServiceCollection AddGitHubWebhooks(this IServiceCollection services, WorkerSettings settings)
        => services
            .AddSingleton<IPushSink, Webhooks.QueueingPushSink>()
            .AddPullRequests(settings)
            .AddSingletonIfMissing<IPullRequestSink, Webhooks.IgnoringPullRequestSink>()
            .AddSingleton(provider => ActivatorUtilities.CreateInstance<WebhookHandler>(provider, settings.WebhookOptions));
}
