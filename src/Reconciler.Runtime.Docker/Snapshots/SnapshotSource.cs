using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Images;

namespace Reconciler.Runtime.Docker.Snapshots;

/// <summary>
/// Which image a <c>persistence: snapshot</c> workspace's new container starts from: the newest snapshot of the same base
/// image in the registry (pulled when this engine lacks it), or null for the base image. A registry that cannot be read
/// fails the create (starting from the base would silently drop the workspace's state).
/// </summary>
internal sealed class SnapshotSource(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    public async Task<(string Image, ImageInspectResponse Inspect)?> NewestAsync(DesiredWorkspace desired, CancellationToken cancellationToken)
    {
        if (desired.Spec.Persistence != WorkspacePersistence.Snapshot)
        {
            return null;
        }

        var registry = ContainerSnapshotter.Require(options, desired.Key);
        var path = registry.SnapshotPath(desired.Key);
        if (SnapshotTag.Newest(await new RegistryApi(registry).TagsAsync(path, cancellationToken), desired.Image) is not { } tag)
        {
            return null;
        }

        var image = $"{registry.Host}/{path}:{tag}";
        if (await TryInspectAsync(image, cancellationToken) is not { } inspect)
        {
            SnapshotLog.PullingSnapshot(logger, image);
            string? error = null;
            try
            {
                mutations.Add();
                await client.Images.CreateImageAsync(
                    new ImagesCreateParameters { FromImage = $"{registry.Host}/{path}", Tag = tag },
                    new ImageCommitter(client, mutations, registry, logger).Auth(image),
                    new InlineProgress<JSONMessage>(m => error ??= ImageEnsurer.ErrorOf(m)),
                    cancellationToken);
            }
            catch (DockerApiException e)
            {
                error = DockerErrors.Message(e);
            }

            inspect = error is null ? await TryInspectAsync(image, cancellationToken) : null;
            if (inspect is null)
            {
                throw new StepFailedException("SnapshotPullFailed", $"snapshot {image} of {desired.Key} could not be pulled: {error ?? "missing after the pull"}");
            }
        }

        SnapshotLog.StartingFromSnapshot(logger, desired.Key.ToString(), image);
        return (image, inspect);
    }

    private async Task<ImageInspectResponse?> TryInspectAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            return await client.Images.InspectImageAsync(image, cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
