using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Naming;
using Reconciler.Source.FileSystem;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Support;

/// <summary>
/// One isolated test world on the real engine: a unique repository identity, a temp checkout read through
/// <see cref="LocalCheckoutContent"/>, a runtime, and a client for assertions. Everything labelled with the
/// identity is removed on dispose.
/// </summary>
public sealed class RuntimeTestContext : IAsyncLifetime
{
    public const string Endpoint = "unix:///var/run/docker.sock";

    /// <param name="configure">Changes the runtime's options (storage credentials, object stores) before the runtime is made.</param>
    public RuntimeTestContext(Action<DockerRuntimeOptions>? configure = null)
    {
        Repository = $"test/{Guid.NewGuid():N}";
        var options = new DockerRuntimeOptions { StopTimeout = TimeSpan.FromSeconds(2) };
        configure?.Invoke(options);
        Runtime = new DockerWorkspaceRuntime(Endpoint, options, NullLogger<DockerWorkspaceRuntime>.Instance);
        Client = new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();
    }

    public string Repository { get; }

    public TempDirectory Checkout { get; } = new("rc-repo");

    public DockerWorkspaceRuntime Runtime { get; }

    public DockerClient Client { get; }

    public IRepositoryContent Content => new LocalCheckoutContent(Checkout.Path, Repository);

    public string ContainerName(string workspace = "main") => DockerNames.Container(new WorkspaceKey(Repository, workspace));

    public string WorkspaceVolume(string workspace = "main") => DockerNames.WorkspaceVolume(new WorkspaceKey(Repository, workspace));

    /// <summary>The empty volume whose existence says the workspace volume was seeded completely.</summary>
    public string SeedMarkerVolume(string workspace = "main") => DockerNames.SeedMarkerVolume(new WorkspaceKey(Repository, workspace));

    public DesiredWorkspace Desired(string workspace = "main") => DesiredWorkspaces.For(Repository, workspace);

    public Task<ApplyResult> ApplyAsync(PlanActionKind kind, DesiredWorkspace? desired, WorkspaceObservation? observed = null, bool pruneVolumes = false)
    {
        var key = desired?.Key ?? observed!.Key;
        return Runtime.ApplyAsync(new PlanAction(kind, key, desired, observed, []), new ApplyContext(Content, pruneVolumes), CancellationToken.None);
    }

    public async Task<WorkspaceObservation> ObserveOneAsync(string workspace = "main")
    {
        var all = await Runtime.ObserveAsync(Repository, CancellationToken.None);
        return Assert.Single(all, o => o.Key.Workspace == workspace);
    }

    public static string Exec(string container, string command, string user = "root") => DockerExec.Run(container, command, user);

    public async Task<IList<VolumeResponse>> VolumesAsync()
    {
        var list = await Client.Volumes.ListAsync(new VolumesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{OwnershipLabels.Repository}={Repository}"] = true } },
        });
        return list.Volumes ?? [];
    }

    public async Task InitializeAsync() => await LocalImages.EnsureBusyboxAsync();

    public async Task DisposeAsync()
    {
        var containers = await Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{OwnershipLabels.Repository}={Repository}"] = true } },
        });
        foreach (var container in containers)
        {
            await Client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }

        foreach (var volume in await VolumesAsync())
        {
            await Client.Volumes.RemoveAsync(volume.Name, force: true);
        }

        Runtime.Dispose();
        Client.Dispose();
        Checkout.Dispose();
    }
}
