using Docker.DotNet;
using Reconciler.Core.Desired;
using Reconciler.Core.Features;
using ImageMetadata = Reconciler.Core.Features.ImageMetadata;

namespace Reconciler.Runtime.Docker.Features;

/// <summary>
/// On a start of an existing container, the Features' and base image's <c>postStartCommand</c>s run again before
/// devcontainer.json's own: they are read back from the container's image label (the create merged the same entries).
/// An image built by the Features step ends its label with devcontainer.json's own entry, which the workspace has already.
/// </summary>
internal sealed class StartMetadata(IDockerClient client)
{
    public async Task<DesiredWorkspace> WithImageCommandsAsync(string containerId, DesiredWorkspace desired, CancellationToken cancellationToken)
    {
        var container = await client.Containers.InspectContainerAsync(containerId, cancellationToken);
        var image = await client.Images.InspectImageAsync(container.Image, cancellationToken);
        var labels = image.Config?.Labels ?? new Dictionary<string, string>();
        var entries = ImageMetadata.FromLabel(labels.TryGetValue(ImageMetadata.LabelKey, out var label) ? label : null, out _);
        // devcontainer.json's entry has no id (and is left out of the label when empty); a Feature's always has one.
        if (labels.ContainsKey(FeatureImageBuilder.DerivedLabel) && entries.Count > 0 && entries[^1]["id"] is null)
        {
            entries = [.. entries.Take(entries.Count - 1)];
        }

        return ImageMetadataApplier.Apply(desired, entries, []);
    }
}
