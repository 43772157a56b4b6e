using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Desired;
using Reconciler.Core.Features;
using ImageMetadata = Reconciler.Core.Features.ImageMetadata;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Features;

/// <summary>What the image step hands to the container step: the image to run and the metadata entries it brings.</summary>
/// <param name="ImageEntries">The base image's devcontainer.metadata entries, then each Feature's, in install order (not devcontainer.json's own).</param>
internal sealed record FeatureStepResult(string Image, ImageInspectResponse Inspect, IReadOnlyList<JObject> ImageEntries, int Builds);

/// <summary>
/// The Features seam of the image step: takes the base image (named by <c>image</c> today, the output of a Dockerfile
/// build as well) and the workspace's <see cref="FeatureRequest"/>, and returns the derived image with the metadata to
/// merge. Without Features it returns the base image and its own label's entries.
/// </summary>
internal sealed class FeatureStep(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    public async Task<FeatureStepResult> ApplyAsync(DesiredWorkspace desired, string baseImage, ImageInspectResponse baseInspect, IRepositoryContent content, CancellationToken cancellationToken)
    {
        var baseEntries = ImageMetadata.FromLabel(baseInspect.Config?.Labels is { } labels && labels.TryGetValue(ImageMetadata.LabelKey, out var value) ? value : null, out var labelError);
        if (labelError is not null)
        {
            FeatureLog.BadMetadataLabel(logger, baseImage, labelError);
        }

        if (desired.Features is not { Features.Count: > 0 } request)
        {
            return new FeatureStepResult(baseImage, baseInspect, baseEntries, 0);
        }

        var fetcher = new FeatureFetcher(options.FeatureHttpClient ?? SharedHttp.Value, options.RegistryCredentials, content);
        var features = await new FeatureResolver(fetcher).ResolveAsync(request, cancellationToken);
        FeatureLog.Resolved(logger, desired.Key.ToString(), string.Join(" → ", features.Select(f => f.Reference.UserId)));
        var featureEntries = features.Select(f => ImageMetadata.FeatureEntry(f.Reference.UserId, f.Manifest.Raw)).ToList();
        var label = ImageMetadata.ToLabel([.. baseEntries, .. featureEntries, request.ConfigEntry]);
        var imageUser = string.IsNullOrEmpty(baseInspect.Config?.User) ? "root" : baseInspect.Config.User;
        var containerUser = desired.Container.ContainerUser ?? LastUser(baseEntries, "containerUser") ?? imageUser;
        var remoteUser = desired.Container.RemoteUser ?? LastUser(baseEntries, "remoteUser") ?? containerUser;
        var locations = features.Select(f => (f, request.Features.FirstOrDefault(r => r.Reference.Resource == f.Reference.Resource)?.Location
                                                   ?? Core.Diagnostics.SourceLocation.StartOf(request.ConfigFile))).ToList();
        var builder = new FeatureImageBuilder(client, mutations, options, logger);
        var tag = await builder.BuildAsync(baseInspect, features, (containerUser, remoteUser), label, locations, cancellationToken);
        FeatureLog.Derived(logger, desired.Key.ToString(), tag);
        var inspect = await client.Images.InspectImageAsync(tag, cancellationToken);
        return new FeatureStepResult(tag, inspect, [.. baseEntries, .. featureEntries], builder.Builds);
    }

    private static string? LastUser(IReadOnlyList<JObject> entries, string key)
        => entries.Reverse().Select(e => e[key]).FirstOrDefault(t => t?.Type == JTokenType.String) is { } t ? (string)t! : null;

    /// <summary>One client for every fetch (connection reuse); a registry that does not answer fails after 60 s.</summary>
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient { Timeout = TimeSpan.FromSeconds(60) });
}
