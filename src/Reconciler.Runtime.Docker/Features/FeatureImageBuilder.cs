using System.Formats.Tar;
using System.Net;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Features;
using ImageMetadata = Reconciler.Core.Features.ImageMetadata;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Images;

namespace Reconciler.Runtime.Docker.Features;

/// <summary>
/// Builds one image layer per Feature through the engine's build API, each <c>FROM</c> the previous one, running the
/// Feature's <c>install.sh</c> as root with its option variables and the spec's <c>_CONTAINER_USER</c>,
/// <c>_REMOTE_USER</c>, <c>_CONTAINER_USER_HOME</c>, <c>_REMOTE_USER_HOME</c>; the Feature's containerEnv becomes
/// <c>ENV</c>. The last step only adds the <c>devcontainer.metadata</c> label. Every image is tagged by its
/// <see cref="FeatureLayerKey"/>: one that exists is reused, never rebuilt.
/// </summary>
internal sealed class FeatureImageBuilder(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    /// <summary>Label that marks images built here (they carry no workspace: several workspaces may share one).</summary>
    public const string DerivedLabel = "dev.reconciler.features";

    /// <summary>Number of image builds this builder ran (a cached layer is no build).</summary>
    public int Builds { get; private set; }

    public async Task<string> BuildAsync(
        ImageInspectResponse baseImage, IReadOnlyList<ResolvedFeature> features, (string Container, string Remote) users,
        string label, IReadOnlyList<(ResolvedFeature Feature, SourceLocation Location)> locations, CancellationToken cancellationToken)
    {
        var imageUser = baseImage.Config?.User ?? string.Empty;
        var current = baseImage.ID;
        for (var i = 0; i < features.Count; i++)
        {
            var feature = features[i];
            var tag = FeatureLayerKey.Tag(FeatureLayerKey.Layer(current, feature.Fetched.Digest, feature.Environment, feature.Manifest.ContainerEnv, $"{users.Container}\n{users.Remote}\n{imageUser}"));
            if (await TryInspectAsync(tag, cancellationToken) is { } cached)
            {
                FeatureLog.LayerCached(logger, feature.Reference.UserId, tag);
                current = cached.ID;
                continue;
            }

            FeatureLog.BuildingLayer(logger, feature.Reference.UserId, current, tag);
            var where = locations.FirstOrDefault(l => l.Feature == feature).Location;
            current = await BuildOneAsync(tag, LayerDockerfile(current, i, feature, users, imageUser), feature, where, cancellationToken);
        }

        var finalTag = FeatureLayerKey.Tag(FeatureLayerKey.Labelled(current, label));
        if (await TryInspectAsync(finalTag, cancellationToken) is null)
        {
            await BuildOneAsync(finalTag, $"FROM {current}\n", null, null, cancellationToken, new Dictionary<string, string> { [ImageMetadata.LabelKey] = label });
        }

        return finalTag;
    }

    private static string LayerDockerfile(string from, int index, ResolvedFeature feature, (string Container, string Remote) users, string imageUser)
    {
        var folder = $"/tmp/dev-container-features/{index}_{Safe(feature.Manifest.Id)}";
        var text = new StringBuilder()
            .Append("FROM ").Append(from).Append('\n')
            .Append("USER root\n")
            .Append("COPY feature/ ").Append(folder).Append("/\n");
        foreach (var (name, value) in feature.Manifest.ContainerEnv)
        {
            // As @devcontainers/cli writes it: the value in double quotes, " and \ escaped, $ left for the builder to expand (PATH=...:${PATH}).
            text.Append("ENV ").Append(name).Append("=\"").Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
        }

        string Home(string user) => $"$(awk -F: -v u={Quote(user)} '$1==u||$3==u{{print $6; exit}}' /etc/passwd)";
        text.Append("RUN cd ").Append(folder)
            .Append(" && printf '%s\\n' \"_CONTAINER_USER=").Append(Quote(users.Container)).Append("\" \"_REMOTE_USER=").Append(Quote(users.Remote))
            .Append("\" \"_CONTAINER_USER_HOME=").Append(Home(users.Container)).Append("\" \"_REMOTE_USER_HOME=").Append(Home(users.Remote))
            .Append("\" > devcontainer-features.builtin.env")
            .Append(" && chmod +x install.sh && set -a && . ./devcontainer-features.builtin.env && . ./devcontainer-features.env && set +a")
            .Append(" && ./install.sh && cd / && rm -rf ").Append(folder).Append('\n');
        if (imageUser.Length > 0)
        {
            text.Append("USER ").Append(imageUser).Append('\n');
        }

        return text.ToString();
    }

    private async Task<string> BuildOneAsync(
        string tag, string dockerfile, ResolvedFeature? feature, SourceLocation? location, CancellationToken cancellationToken, IDictionary<string, string>? labels = null)
    {
        await using var archive = new MemoryStream();
        await using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
        {
            await AddAsync(writer, "Dockerfile", Encoding.UTF8.GetBytes(dockerfile), false, cancellationToken);
            if (feature is not null)
            {
                foreach (var file in feature.Fetched.Files.Where(f => f.Path is not ("devcontainer-features.env" or "devcontainer-features.builtin.env")))
                {
                    await AddAsync(writer, "feature/" + file.Path, file.Content, file.Executable, cancellationToken);
                }

                var env = string.Concat(feature.Environment.Select(e => $"{e.Key}={Quote(e.Value)}\n"));
                await AddAsync(writer, "feature/devcontainer-features.env", Encoding.UTF8.GetBytes(env), false, cancellationToken);
            }
        }

        archive.Position = 0;
        var allLabels = new Dictionary<string, string>(labels ?? new Dictionary<string, string>()) { [DerivedLabel] = "true" };
        var parameters = new ImageBuildParameters { Tags = [tag], Dockerfile = "Dockerfile", Labels = allLabels, Remove = true, ForceRemove = true };
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
            mutations.AddFeatureBuild();
            Builds++;
            await client.Images.BuildImageFromDockerfileAsync(parameters, archive, null, null, progress, cancellationToken);
        }
        catch (DockerApiException e)
        {
            error ??= DockerErrors.Message(e);
        }

        if (error is not null)
        {
            var what = feature is null ? "labelling the image with its Features' metadata" : $"installing Feature '{feature.Reference.UserId}' (its install.sh)";
            throw new StepFailedException(
                "FeatureInstallFailed",
                Diagnostic.Error(DiagnosticCodes.FeatureInstallFailed, $"{what} failed: {error}", location).ToString(),
                outputTail: tail.ToString());
        }

        return (await TryInspectAsync(tag, cancellationToken))?.ID
               ?? throw new StepFailedException("FeatureInstallFailed", $"image {tag} is missing after its build");
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

    private static async Task AddAsync(TarWriter writer, string name, byte[] content, bool executable, CancellationToken cancellationToken)
    {
        var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            DataStream = new MemoryStream(content),
            Mode = executable ? (UnixFileMode)0b111_101_101 : (UnixFileMode)0b110_100_100,
            ModificationTime = DateTimeOffset.UnixEpoch,
        };
        await writer.WriteEntryAsync(entry, cancellationToken);
    }

    /// <summary>A POSIX shell single-quoted word.</summary>
    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Safe(string id) => new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
}
