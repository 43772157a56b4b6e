using System.Globalization;
using System.Text.Json;
using Docker.DotNet;
using Docker.DotNet.Models;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Images;

namespace Reconciler.Runtime.Docker.Snapshots;

/// <summary>
/// Every commit adds a layer on top of the image the container started from, and overlay2 refuses images deeper than
/// 125 layers: a workspace snapshotted at every stop would stop working after a few months. An image deeper than
/// <see cref="SnapshotRegistryOptions.MaxLayers"/> is rewritten as one layer (export of a throwaway container of it,
/// imported with the same configuration), under the same tag. Volumes are not part of either.
/// </summary>
internal sealed class ImageFlattener(IDockerClient client, MutationCounter mutations)
{
    /// <summary>True when <paramref name="image"/> was deeper than <paramref name="maxLayers"/> and is one layer now.</summary>
    public async Task<bool> FlattenIfDeepAsync(string image, Config config, int maxLayers, CancellationToken cancellationToken)
    {
        var committed = await client.Images.InspectImageAsync(image, cancellationToken);
        if ((committed.RootFS?.Layers?.Count ?? 0) <= maxLayers)
        {
            return false;
        }

        mutations.Add();
        var helper = await client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = committed.ID,
            Name = "rc-flatten-" + Guid.NewGuid().ToString("N")[..12],
            Entrypoint = ["/reconciler-flatten-never-started"],
            Cmd = [],
        }, cancellationToken);
        try
        {
            var (repository, tag) = ImageReference.ForPull(image);
            string? error = null;
            await using var exported = await client.Containers.ExportContainerAsync(helper.ID, cancellationToken);
            mutations.Add();
            await client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromSrc = "-", Repo = repository, Tag = tag, Changes = Changes(config) },
                exported,
                new AuthConfig(),
                new InlineProgress<JSONMessage>(m => error ??= ImageEnsurer.ErrorOf(m)),
                cancellationToken);
            if (error is not null)
            {
                throw new StepFailedException("SnapshotFailed", $"{image} is {committed.RootFS!.Layers.Count} layers deep and could not be flattened: {error}");
            }
        }
        finally
        {
            mutations.Add();
            await client.Containers.RemoveContainerAsync(helper.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }

        // The deep image lost its tag to the flat one; drop it unless something still uses it.
        try
        {
            mutations.Add();
            await client.Images.DeleteImageAsync(committed.ID, new ImageDeleteParameters(), CancellationToken.None);
        }
        catch (DockerApiException)
        {
        }

        return true;
    }

    /// <summary>The image configuration as Dockerfile instructions for the import.</summary>
    internal static List<string> Changes(Config config)
    {
        var changes = new List<string>();
        changes.AddRange((config.Env ?? []).Select(e => e.Split('=', 2)).Select(p => $"ENV {p[0]}={Quote(p.Length > 1 ? p[1] : "")}"));
        changes.AddRange((config.Labels ?? new Dictionary<string, string>()).Select(l => $"LABEL {Quote(l.Key)}={Quote(l.Value)}"));
        if (config.Entrypoint is { Count: > 0 } entrypoint)
        {
            changes.Add("ENTRYPOINT " + JsonSerializer.Serialize(entrypoint));
        }

        if (config.Cmd is { Count: > 0 } cmd)
        {
            changes.Add("CMD " + JsonSerializer.Serialize(cmd));
        }

        if (!string.IsNullOrEmpty(config.User))
        {
            changes.Add("USER " + config.User);
        }

        if (!string.IsNullOrEmpty(config.WorkingDir))
        {
            changes.Add("WORKDIR " + config.WorkingDir);
        }

        if (!string.IsNullOrEmpty(config.StopSignal))
        {
            changes.Add("STOPSIGNAL " + config.StopSignal);
        }

        changes.AddRange((config.ExposedPorts?.Keys ?? []).Select(p => "EXPOSE " + p));
        if (config.Volumes is { Count: > 0 } volumes)
        {
            changes.Add("VOLUME " + JsonSerializer.Serialize(volumes.Keys));
        }

        return changes;
    }

    private static string Quote(string value)
        => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("$", "\\$", StringComparison.Ordinal) + "\"";
}
