using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Images;

/// <summary>Makes sure the workspace image exists locally: present → nothing; Build set → build; else pull.</summary>
internal sealed class ImageEnsurer(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    public async Task<ImageInspectResponse> EnsureAsync(DesiredWorkspace desired, IRepositoryContent content, IApplyOutput? output, CancellationToken cancellationToken)
    {
        if (await TryInspectAsync(desired.Image, cancellationToken) is { } existing)
        {
            if (desired.Build?.ContextHash is { } hash)
            {
                Log.BuildCacheHit(logger, desired.Image, hash);
            }

            return existing;
        }

        if (desired.Build is { } build)
        {
            await new DockerfileImageBuilder(client, mutations, options, logger).BuildAsync(desired.Image, build, content, desired.Key, output, cancellationToken);
        }
        else
        {
            await PullAsync(desired.Image, cancellationToken);
        }

        return await TryInspectAsync(desired.Image, cancellationToken)
               ?? throw new StepFailedException(desired.Build is null ? "ImagePullFailed" : "BuildFailed", $"image {desired.Image} is still missing after the {(desired.Build is null ? "pull" : "build")}");
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

    private async Task PullAsync(string image, CancellationToken cancellationToken)
    {
        Log.Pulling(logger, image);
        var (name, tag) = ImageReference.ForPull(image);
        string? error = null;
        var progress = new InlineProgress<JSONMessage>(message => error ??= ErrorOf(message));
        try
        {
            mutations.Add();
            await client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = name, Tag = tag }, null, progress, cancellationToken);
        }
        catch (DockerApiException e)
        {
            error = DockerErrors.Message(e);
        }

        if (error is not null)
        {
            throw new StepFailedException("ImagePullFailed", $"image {image} could not be pulled: {error}");
        }
    }

    internal static string? ErrorOf(JSONMessage message)
        => !string.IsNullOrEmpty(message.Error?.Message) ? message.Error.Message
            : !string.IsNullOrEmpty(message.ErrorMessage) ? message.ErrorMessage
            : null;
}
