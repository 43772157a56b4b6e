using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reconciler.Core.State;
using Reconciler.Scheduling;
using Reconciler.Storage.Sqlite;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Http;
using Serilog;

namespace Reconciler.Worker.Hosting;

/// <summary>
/// The long-running worker: a Generic Host with Kestrel (webhooks, health probes, the API, metrics), the reconcile loop with its
/// resync, the git sources, the Docker runtimes and the state database (SQLite, or PostgreSQL when configured: <see cref="StateDatabase"/>), logging through Serilog.
/// <see cref="BuildAsync"/> opens the database (migrations) so that a broken one fails before anything listens.
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WorkerHost(WebApplication app) => _app = app;

    public IServiceProvider Services => _app.Services;

    /// <summary>The address Kestrel listens on (resolved after start when the configured port is 0).</summary>
    public Uri Address => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<WorkerHost> BuildAsync(WorkerSettings settings, WorkerHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var serilog = WorkerLogging.Create(options);
        try
        {
            var database = await StateDatabase.OpenAsync(settings, options.TimeProvider, cancellationToken);
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ApplicationName = typeof(WorkerHost).Assembly.GetName().Name,
                ContentRootPath = Path.GetDirectoryName(settings.ConfigPath),
            });
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Information);
            builder.Logging.AddSerilog(serilog, dispose: true);
            builder.WebHost.UseUrls(settings.Config.Server.Listen);
            builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.WebhookOptions.MaxBodyBytes);
            builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = settings.Config.Worker.ShutdownTimeout + TimeSpan.FromSeconds(5));
            builder.Services.AddSingleton(settings);
            builder.Services.AddSingleton(options.TimeProvider);
            database.Register(builder.Services);

            builder.Services.AddReconcileLoop(settings);
            if (settings.Config.Webhooks is not null)
            {
                builder.Services.AddGitHubWebhooks(settings);
            }

            var app = builder.Build();
            app.MapHealthProbes();
            app.MapMetrics();
            app.MapReconcilerApi();
            if (settings.Config.Webhooks is not null)
            {
                app.MapGitHubWebhooks();
            }

            // The store is disposed with the container (it was created outside it).
            app.Lifetime.ApplicationStopped.Register(database.Dispose);
            return new WorkerHost(app);
        }
        catch
        {
            await serilog.DisposeAsync();
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => _app.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    /// <summary>Runs until SIGINT/SIGTERM or <paramref name="cancellationToken"/>, then shuts down gracefully.</summary>
    public Task RunAsync(CancellationToken cancellationToken) => _app.RunAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
