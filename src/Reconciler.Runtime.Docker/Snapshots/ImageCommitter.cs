using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Images;

namespace Reconciler.Runtime.Docker.Snapshots;

/// <summary>
/// Commits a workspace container to an image and pushes it. The image's configuration is the one of the image the
/// container was created from: the engine would otherwise copy the container's environment (generated secrets among it)
/// and labels (ownership, host ports) into the image, so every container variable and label the base does not have is
/// written empty. A failed push removes the local tag again (a retried pass commits afresh) and is a
/// <see cref="StepFailedException"/> with <paramref name="reason"/>; the container is never touched.
/// </summary>
internal sealed class ImageCommitter(IDockerClient client, MutationCounter mutations, SnapshotRegistryOptions? registry, ILogger logger)
{
    public async Task CommitAndPushAsync(ContainerInspectResponse container, WorkspaceKey key, string repository, string tag, string reason, CancellationToken cancellationToken)
    {
        var config = await CleanConfigAsync(container, cancellationToken);
        try
        {
            mutations.Add();
            await client.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters
            {
                ContainerID = container.ID,
                RepositoryName = repository,
                Tag = tag,
                Comment = $"Reconciler snapshot of {key}",
                Pause = true,
                Config = config,
            }, cancellationToken);
        }
        catch (DockerApiException e)
        {
            throw new StepFailedException(reason, $"container {container.Name.TrimStart('/')} of {key} could not be committed: {DockerErrors.Message(e)}; the container is kept");
        }

        var image = $"{repository}:{tag}";
        SnapshotLog.Committed(logger, container.ID[..Math.Min(12, container.ID.Length)], key.ToString(), image);
        try
        {
            if (await new ImageFlattener(client, mutations).FlattenIfDeepAsync(image, config, registry?.MaxLayers ?? SnapshotRegistryOptions.DefaultMaxLayers, cancellationToken))
            {
                SnapshotLog.Flattened(logger, image);
            }
        }
        catch (DockerApiException e)
        {
            await RemoveLocalAsync(image);
            throw new StepFailedException(reason, $"{image} could not be flattened: {DockerErrors.Message(e)}; the container is kept");
        }
        catch (StepFailedException)
        {
            await RemoveLocalAsync(image);
            throw;
        }

        string? error = null;
        try
        {
            mutations.Add();
            await client.Images.PushImageAsync(
                repository, new ImagePushParameters { Tag = tag }, Auth(repository), new InlineProgress<JSONMessage>(m => error ??= ImageEnsurer.ErrorOf(m)), cancellationToken);
        }
        catch (DockerApiException e)
        {
            error = DockerErrors.Message(e);
        }

        if (error is not null)
        {
            await RemoveLocalAsync(image);
            throw new StepFailedException(reason, $"{image} could not be pushed: {error}; the container is kept");
        }

        SnapshotLog.Pushed(logger, image);
    }

    /// <summary>Credentials for a push or pull to <paramref name="repository"/>: the configured ones when it is on the snapshots registry.</summary>
    public AuthConfig Auth(string repository)
        => registry is { User: { } user } && repository.StartsWith(registry.Host + "/", StringComparison.Ordinal) && registry.Password?.Invoke() is { } password
            ? new AuthConfig { Username = user, Password = password.Trim(), ServerAddress = registry.Host }
            : new AuthConfig();

    /// <summary>Removes a local tag (and layers only it held); an image gone or in use is left alone.</summary>
    public async Task RemoveLocalAsync(string image)
    {
        try
        {
            mutations.Add();
            await client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = false, NoPrune = false }, CancellationToken.None);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (DockerApiException e)
        {
            SnapshotLog.LocalImageKept(logger, image, DockerErrors.Message(e));
        }
    }

    private async Task<Config> CleanConfigAsync(ContainerInspectResponse container, CancellationToken cancellationToken)
    {
        Config? source = null;
        try
        {
            source = (await client.Images.InspectImageAsync(container.Image, cancellationToken)).Config;
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // The base image is gone: nothing of the container's own settings is kept either.
        }

        source ??= new Config();
        var env = new List<string>(source.Env ?? []);
        var envKeys = env.Select(Key).ToHashSet(StringComparer.Ordinal);
        env.AddRange((container.Config?.Env ?? []).Select(Key).Where(k => envKeys.Add(k)).Select(k => k + "="));
        var labels = new Dictionary<string, string>(source.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var label in container.Config?.Labels?.Keys ?? [])
        {
            labels.TryAdd(label, "");
        }

        return new Config
        {
            Env = env,
            Labels = labels,
            Cmd = source.Cmd,
            Entrypoint = source.Entrypoint,
            User = source.User,
            WorkingDir = source.WorkingDir,
            ExposedPorts = source.ExposedPorts,
            Volumes = source.Volumes,
            StopSignal = source.StopSignal,
            Shell = source.Shell,
            Healthcheck = source.Healthcheck,
        };
    }

    private static string Key(string variable) => variable.Split('=', 2)[0];
}
