using Docker.DotNet;
using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.TestKit;

namespace Reconciler.Cli.Tests;

/// <summary>
/// One isolated world per test: a git repository with a unique identity, the local busybox image and a
/// Docker client for assertions. Everything labelled with the repository identity is removed on dispose.
/// </summary>
internal sealed class CliWorld : IAsyncLifetime
{
    private const string Endpoint = "unix:///var/run/docker.sock";

    internal TestRepository Repo { get; } = new();

    public DockerClient Docker { get; } = new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();

    public string Image => LocalImages.Busybox;

    public string Identity => Repo.Identity;

    public string ContainerName(string workspace) => WorkspaceNames.Base(new WorkspaceKey(Identity, workspace));

    public string WorkspaceVolume(string workspace) => WorkspaceNames.WorkspaceVolume(new WorkspaceKey(Identity, workspace));

    public Task<CliRun> RunAsync(params string[] args) => CliRunner.RunAsync(args);

    public Task<DockerEventRecorder> RecordAsync()
        => DockerEventRecorder.StartAsync(Identity, [WorkspaceNames.RepositoryHash(Identity)]);

    public async Task<ContainerInspectResponse?> InspectAsync(string workspace)
    {
        try
        {
            return await Docker.Containers.InspectContainerAsync(ContainerName(workspace));
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<string>> VolumeNamesAsync()
    {
        var list = await Docker.Volumes.ListAsync(new VolumesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{OwnershipLabels.Repository}={Identity}"] = true } },
        });
        return (list.Volumes ?? []).Select(v => v.Name).Order(StringComparer.Ordinal).ToList();
    }

    public static string Exec(string container, string command, string user = "root") => DockerExec.Run(container, command, user);

    public async Task InitializeAsync() => await LocalImages.EnsureBusyboxAsync();

    public async Task DisposeAsync()
    {
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{OwnershipLabels.Repository}={Identity}"] = true } };
        foreach (var container in await Docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }))
        {
            await Docker.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }

        foreach (var volume in (await Docker.Volumes.ListAsync(new VolumesListParameters { Filters = filter })).Volumes ?? [])
        {
            await Docker.Volumes.RemoveAsync(volume.Name, force: true);
        }

        Docker.Dispose();
        Repo.Dispose();
    }
}
