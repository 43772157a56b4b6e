using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Archives;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Images;

/// <summary>Builds the workspace image through the engine's build API from a tar of the build context.</summary>
internal sealed class ImageBuilder(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    public async Task BuildAsync(string image, ResolvedBuild build, IRepositoryContent content, CancellationToken cancellationToken)
    {
        Log.Building(logger, image, build.ContextPath);
        await using var archive = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        string dockerfile;
        try
        {
            dockerfile = await BuildContextArchive.WriteAsync(content, build, archive, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StepFailedException("BuildFailed", $"the build context {build.ContextPath} could not be read: {e.Message}");
        }

        archive.Position = 0;
        var parameters = new ImageBuildParameters
        {
            Tags = [image],
            Dockerfile = dockerfile,
            BuildArgs = build.Args.ToDictionary(a => a.Key, a => a.Value),
            Target = string.IsNullOrEmpty(build.Target) ? null : build.Target,
            CacheFrom = build.CacheFrom.Count > 0 ? [.. build.CacheFrom] : null,
            Remove = true,
            ForceRemove = true,
        };

        var tail = new OutputTail(options.OutputTailLines);
        string? error = null;
        var progress = new InlineProgress<JSONMessage>(message =>
        {
            if (message.Stream is { Length: > 0 } text)
            {
                tail.Append(text);
            }

            if (ImageEnsurer.ErrorOf(message) is { } failure)
            {
                error ??= failure;
                tail.AppendLine(failure);
            }
        });

        try
        {
            mutations.Add();
            await client.Images.BuildImageFromDockerfileAsync(parameters, archive, null, null, progress, cancellationToken);
        }
        catch (DockerApiException e)
        {
            error ??= DockerErrors.Message(e);
        }

        if (error is not null)
        {
            throw new StepFailedException("BuildFailed", $"building image {image} failed: {error}", outputTail: tail.ToString());
        }
    }
}
