using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Builds;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Archives;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Images;

/// <summary>
/// Builds an image through the engine's build API (classic builder) from a tar of the build context read from the commit
/// (no checkout). The image is tagged <paramref name="image"/> and labelled with the context hash; callers skip the
/// build when that tag exists (<see cref="ImageEnsurer"/>), so one context hash is built once. Output lines go to the
/// log, to <see cref="IApplyOutput"/> while the build runs, and (last lines) into the failure.
/// </summary>
internal sealed class DockerfileImageBuilder(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    /// <summary>Label on built images: the context hash that named them (<see cref="ResolvedBuild.ContextHash"/>).</summary>
    public const string ContextHashLabel = "dev.reconciler.build.context-hash";

    /// <summary>Builds <paramref name="build"/> as <paramref name="image"/>; returns the image reference.</summary>
    public async Task<string> BuildAsync(
        string image, ResolvedBuild build, IRepositoryContent content, WorkspaceKey? key, IApplyOutput? output, CancellationToken cancellationToken)
    {
        Log.Building(logger, image, build.ContextPath);
        await using var archive = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        string dockerfile;
        try
        {
            var contents = BuildContextSelection.Select(content, build);
            if (contents.TotalBytes > options.MaxBuildContextBytes)
            {
                throw new StepFailedException(
                    "BuildContextTooLarge", $"the build context {build.ContextPath} holds {contents.TotalBytes:N0} bytes; the limit is {options.MaxBuildContextBytes:N0}");
            }

            dockerfile = await BuildContextArchive.WriteAsync(content, contents, archive, cancellationToken);
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
            Labels = build.ContextHash is { } hash ? new Dictionary<string, string> { [ContextHashLabel] = hash } : null,
            Remove = true,
            ForceRemove = true,
        };

        var tail = new OutputTail(options.OutputTailLines);
        await using var stream = new BuildOutputStream(key is { } k && output is not null ? (text, ct) => output.WriteAsync(k, "build", text, ct) : null, logger);
        string? error = null;
        var progress = new InlineProgress<JSONMessage>(message =>
        {
            if (message.Stream is { Length: > 0 } text)
            {
                tail.Append(text);
                stream.Append(text);
            }

            if (ImageEnsurer.ErrorOf(message) is { } failure)
            {
                error ??= failure;
                tail.AppendLine(failure);
                stream.Append(failure + "\n");
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

        await stream.CompleteAsync();
        if (error is not null)
        {
            throw new StepFailedException("BuildFailed", $"building image {image} failed: {error}", outputTail: tail.ToString());
        }

        return image;
    }
}
