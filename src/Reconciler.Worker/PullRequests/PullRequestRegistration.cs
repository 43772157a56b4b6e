using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconciler.GitHub.Checks;
using Reconciler.GitHub.Webhooks;
using Reconciler.Worker.Configuration;

namespace Reconciler.Worker.PullRequests;

/// <summary>
/// Registers pull-request handling when webhooks are configured and there is something to do: checks (a
/// <c>github</c> section) and/or previews (<c>previews.enabled</c>). Otherwise pull_request deliveries are dropped.
/// </summary>
internal static class PullRequestRegistration
{
    public static IServiceCollection AddPullRequests(this IServiceCollection services, WorkerSettings settings)
    {
        if (settings.Config.Webhooks is null || (settings.GitHub is null && !settings.Config.Previews.Enabled))
        {
            return services;
        }

        services.AddSingleton<PullRequestQueue>();
        services.AddSingleton<IPullRequestSink, PullRequestRouter>();
        if (settings.GitHub is { } github)
        {
            services.AddSingleton(p => new PullRequestReporter(github, p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<PullRequestReporter>>()));
            services.AddSingleton<RateLimitedChecks>();
            services.AddSingleton<PullRequestChecker>();
            services.AddSingleton<IPullRequestHandler, CheckingHandler>();
        }

        if (settings.Config.Previews.Enabled)
        {
            services.AddSingleton<Previews.PreviewExpiries>();
            services.AddSingleton<Previews.PreviewManager>();
            services.AddSingleton<IPullRequestHandler>(p => p.GetRequiredService<Previews.PreviewManager>());
            services.AddHostedService<Previews.PreviewExpiryService>();
        }

        services.AddHostedService<PullRequestCheckService>();
        return services;
    }
}
