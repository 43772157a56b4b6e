using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Queue;
using Reconciler.Core.State;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Reconciling;
using Reconciler.Worker.Repositories;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Hosting;

/// <summary>The reconcile side of the worker: queue, loop, reconciler, git sources, runtimes.</summary>
internal static class ServiceRegistration
{
    public static IServiceCollection AddReconcileLoop(this IServiceCollection services, WorkerSettings settings)
    {
        services.AddSingleton<Metrics.WorkerMetrics>();
        services.AddSingleton(p => new WorkQueue(p.GetRequiredService<TimeProvider>(), new ExponentialBackoff(Random.Shared.NextDouble)));
        services.AddSingleton(p => new RepositoryRegistry(settings, p.GetRequiredService<ILoggerFactory>(), p.GetRequiredService<TimeProvider>()));
        services.AddSingleton(p => Leadership.WorkerLeadership.Create(settings, p.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(p => new RuntimeSet(
            settings, p.GetRequiredService<ILoggerFactory>(), p.GetService<Access.AccessSecrets>(), p.GetRequiredService<Leadership.WorkerLeadership>().Gate));
        services.AddSingleton(p => new Gpus.GpuInventories(
            settings.Config, p.GetRequiredService<RuntimeSet>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<Gpus.GpuInventories>>()));
        services.AddSingleton(p => new Gpus.GpuLedger(
            p.GetRequiredService<Gpus.GpuInventories>(),
            p.GetRequiredService<RuntimeSet>(),
            new Core.Gpu.Allocation.GpuAllocatorOptions { DefaultSharedReplicas = settings.Config.Gpu.DefaultSharedReplicas },
            settings.Config.Gpu.PendingRecheckInterval,
            p.GetRequiredService<WorkQueue>(),
            p.GetRequiredService<ILogger<Gpus.GpuLedger>>(),
            p.GetRequiredService<TimeProvider>(),
            settings.Config.Gpu.ReserveBeforeStart));
        services.AddSingleton(p => new PassReporter(p.GetRequiredService<IStateStore>(), p.GetRequiredService<TimeProvider>(), settings.Config.LeaderElection is not null));
        services.AddSingleton(p => LoaderOptionsFor(settings, p.GetRequiredService<RuntimeSet>()));
        services.AddSingleton<Power.PowerStep>();
        services.AddSingleton(p => new Access.Jumpserver.JumpserverStep(
            settings.Jumpserver,
            p.GetRequiredService<RuntimeSet>(),
            settings,
            p.GetRequiredService<IStateStore>(),
            p.GetRequiredService<TimeProvider>(),
            p.GetRequiredService<ILogger<Access.Jumpserver.JumpserverStep>>(),
            p.GetService<Storage.Sqlite.IJumpserverRegistrationStore>(),
            identity => p.GetRequiredService<RepositoryRegistry>().Find(identity) is not null));
        services.AddSingleton(p => new RepositoryReconciler(
            p.GetRequiredService<RepositoryRegistry>(),
            p.GetRequiredService<RuntimeSet>(),
            p.GetRequiredService<PassReporter>(),
            p.GetRequiredService<Power.PowerStep>(),
            p.GetRequiredService<LoaderOptions>(),
            p.GetRequiredService<TimeProvider>(),
            Random.Shared.NextDouble,
            p.GetRequiredService<Metrics.WorkerMetrics>(),
            p.GetRequiredService<Gpus.GpuLedger>(),
            p.GetRequiredService<Leadership.WorkerLeadership>(),
            p.GetRequiredService<ILogger<RepositoryReconciler>>(),
            p.GetRequiredService<Access.Jumpserver.JumpserverStep>()));
        services.AddSingleton(p => new ReconcileLoop(
            p.GetRequiredService<WorkQueue>(),
            p.GetRequiredService<RepositoryReconciler>(),
            p.GetRequiredService<TimeProvider>(),
            new ReconcileLoopOptions { Concurrency = settings.Config.Worker.Concurrency },
            p.GetRequiredService<Metrics.WorkerMetrics>()));
        services.AddHostedService<ReconcileLoopService>();
        services.AddHostedService<Gpus.GpuInventoryWarmup>();
        services.AddHostedService<Leadership.LeaderElectionService>();
        services.AddHostedService<KubernetesWatchService>();
        return services;
    }

    /// <summary>Only the allow-listed variables of the worker's environment are visible to <c>${localEnv:…}</c>.</summary>
    private static LoaderOptions LoaderOptionsFor(WorkerSettings settings, RuntimeSet runtimes)
    {
        var allowList = settings.Config.LocalEnvAllowList;
        var localEnv = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in allowList)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                localEnv[name] = value;
            }
        }

        return new LoaderOptions
        {
            Compiler = new CompilerOptions(runtimes.HostNames)
            {
                VmHosts = runtimes.VmHostNames,
                KubernetesHosts = runtimes.KubernetesHostNames,
                Storage = settings.Config.Storage.References,
            },
            LocalEnv = localEnv,
            LocalEnvAllowList = allowList,
            Policies = settings.Policies,
        };
    }
}
