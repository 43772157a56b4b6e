using Docker.DotNet;
using Docker.DotNet.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Snapshots;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Support;

/// <summary>
/// One real registry per test class (<see cref="LocalRegistry"/>), and the snapshot settings that point at it. On
/// dispose every local image named after the registry's unique port (snapshots, published images) is removed too.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public LocalRegistry Registry { get; private set; } = null!;

    public SnapshotRegistryOptions Options(int retain = 3, int maxLayers = SnapshotRegistryOptions.DefaultMaxLayers)
        => new() { Registry = Registry.Url, Prefix = "rc-test", Retain = retain, MaxLayers = maxLayers };

    /// <summary>A test world whose runtime keeps snapshots in this registry.</summary>
    public RuntimeTestContext Context(int retain = 3, int maxLayers = SnapshotRegistryOptions.DefaultMaxLayers) => new(o => o.Snapshots = Options(retain, maxLayers));

    public static DesiredWorkspace SnapshotWorkspace(RuntimeTestContext t, string workspace = "main")
    {
        var desired = t.Desired(workspace);
        return desired with { Spec = desired.Spec with { Persistence = WorkspacePersistence.Snapshot } };
    }

    /// <summary>Registry path of a workspace's snapshots.</summary>
    public string SnapshotPath(RuntimeTestContext t, string workspace = "main") => Options().SnapshotPath(new WorkspaceKey(t.Repository, workspace));

    public async Task<IReadOnlyList<string>> SnapshotTagsAsync(RuntimeTestContext t, string workspace = "main")
        => [.. (await Registry.TagsAsync(SnapshotPath(t, workspace))).Where(tag => tag.StartsWith("snap-", StringComparison.Ordinal))];

    public async Task InitializeAsync()
    {
        await LocalImages.EnsureBusyboxAsync();
        Registry = await LocalRegistry.StartAsync();
    }

    public async Task DisposeAsync()
    {
        using var client = new DockerClientConfiguration(new Uri(RuntimeTestContext.Endpoint)).CreateClient();
        foreach (var image in await client.Images.ListImagesAsync(new ImagesListParameters { All = false }))
        {
            foreach (var tag in (image.RepoTags ?? []).Where(t => t.StartsWith(Registry.Host + "/", StringComparison.Ordinal)))
            {
                try
                {
                    await client.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = true });
                }
                catch (DockerApiException)
                {
                }
            }
        }

        Registry.Dispose();
    }
}
