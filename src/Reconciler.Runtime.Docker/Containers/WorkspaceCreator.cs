using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Access;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Access;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Images;
using Reconciler.Runtime.Docker.Lifecycle;
using Reconciler.Runtime.Docker.Naming;
using Reconciler.Runtime.Docker.Volumes;

namespace Reconciler.Runtime.Docker.Containers;

/// <summary>
/// The create path, as an ordered list of steps that stops at the first failure: image → volumes →
/// container (under <see cref="DockerNames.CreatingContainer"/>) → seed (a volume created now or never seeded
/// completely) → seed marker and start (at the same time) → lifecycle commands → rename to <see cref="DockerNames.Container"/>.
/// A process killed anywhere before the rename leaves a container observed as incomplete, which the next
/// pass replaces (so lifecycle commands are never left half-run on a container that looks finished).
/// </summary>
internal sealed class WorkspaceCreator(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, SemaphoreSlim portGate, ILogger logger)
{
    /// <param name="previousPorts">Host ports the workspace's previous container held (a recreate), by port key: kept when still free.</param>
    public async Task CreateAsync(
        DesiredWorkspace desired, IRepositoryContent content, IReadOnlyDictionary<string, int> previousPorts, IApplyOutput? output, CancellationToken cancellationToken)
    {
        var gpu = Gpus.GpuContainerSettings.For(desired);
        var secrets = await SecretEnvironmentAsync(desired, cancellationToken);
        var sshKeys = desired.Spec.Access.Ssh ? await SshServerStarter.AuthorizedKeysAsync(desired, options, cancellationToken) : null;
        var image = await new ImageEnsurer(client, mutations, options, logger).EnsureAsync(desired, content, output, cancellationToken);
        (desired, image) = await ApplyFeaturesAsync(desired, image, content, cancellationToken);
        // A snapshot workspace starts from its newest snapshot of the same base image (after Features: the derived image,
        // so a changed Feature starts fresh); the spec hash stays the desired one.
        var snapshot = await new Snapshots.SnapshotSource(client, mutations, options, logger).NewestAsync(desired, cancellationToken);
        image = snapshot?.Inspect ?? image;
        var mounts = WorkspaceMounts.Resolve(desired);
        var ensured = await new VolumeEnsurer(client, mutations, logger, options.StorageCredentials).EnsureAsync(desired, mounts, cancellationToken);
        var seed = ensured.SeedWorkspace;
        var user = desired.Container.RemoteUser ?? desired.Container.ContainerUser ?? image.Config?.User;
        foreach (var storage in ensured.CreatedStorage.Where(s => s.Type == Core.Workspaces.StorageType.S3))
        {
            var volume = Core.Desired.WorkspaceNames.StorageVolume(desired.Key, storage.Name);
            try
            {
                await new Storage.S3VolumeFiller(client, mutations, options, logger).FillAsync(desired, storage, volume, user, cancellationToken);
                await new VolumeEnsurer(client, mutations, logger, options.StorageCredentials).MarkFilledAsync(desired, volume, cancellationToken);
            }
            catch (StepFailedException)
            {
                // Only a volume created by this apply is filled: drop it, so the next apply creates and fills it again
                // instead of mounting a half-filled copy of the bucket.
                await RemoveVolumeAsync(volume);
                throw;
            }
        }

        // Reading the ports in use and creating the container (which makes its label visible to the next reader) happen
        // under one gate per engine, so two creates on this host never pick the same free port.
        CreateContainerParameters parameters;
        string id;
        await portGate.WaitAsync(cancellationToken);
        try
        {
            var inUse = desired.Container.Ports.Any(p => p.HostPort is null)
                ? await new HostPortReader(client).ReadAsync(desired.Key, cancellationToken)
                : new HostPortsInUse(new HashSet<int>(), new Dictionary<string, int>());
            var (bound, portLabel) = HostPortAssigner.Assign(desired, inUse, previousPorts, options.PortRange);
            parameters = ContainerConfigBuilder.Build(bound, mounts);
            foreach (var (name, value) in secrets)
            {
                parameters.Env.Add($"{name}={value}");
            }

            if (portLabel.Length > 0)
            {
                parameters.Labels[HostPortLabel.Key] = portLabel;
            }

            Gpus.GpuContainerSettings.Apply(parameters, gpu);
            Snapshots.SnapshotLabels.Apply(parameters, desired, snapshot?.Image);
            parameters.Name = DockerNames.CreatingContainer(desired.Key);
            id = await CreateContainerAsync(parameters, desired.Key, cancellationToken);
        }
        finally
        {
            portGate.Release();
        }

        var finalName = DockerNames.Container(desired.Key);
        Log.ContainerCreated(logger, parameters.Name, id);

        var marking = Task.CompletedTask;
        if (seed && mounts.FirstOrDefault(m => m.IsWorkspace) is { } workspace)
        {
            try
            {
                await new WorkspaceVolumeSeeder(client, mutations, options, logger).SeedAsync(
                    id, workspace.Request.Source!, desired.Container.WorkspaceFolder, user, content, cancellationToken);
            }
            catch (StepFailedException)
            {
                // Only a volume created by this apply is seeded: drop it (and the container) so the next
                // apply creates and seeds it again instead of running on a half-filled workspace.
                await UndoAsync(id, workspace.Request.Source!, desired.Key);
                throw;
            }

            marking = new VolumeEnsurer(client, mutations, logger).MarkSeededAsync(desired, cancellationToken);
        }

        // The marker (a volume call) and the start (a container call) do not wait on each other in the engine; both
        // finish before the rename, so a container under its final name always has a marked volume.
        var operations = new ContainerOperations(client, mutations, options, logger);
        var starting = operations.StartAsync(id, desired.Key, cancellationToken);
        await Task.WhenAll(marking, starting);
        try
        {
            if (sshKeys is not null)
            {
                await new SshServerStarter(client, mutations, options, logger).StartAsync(id, parameters.Name, desired, sshKeys, cancellationToken);
            }

            await new LifecycleCommandRunner(client, mutations, options, logger).RunCreateCommandsAsync(id, finalName, desired, cancellationToken);
        }
        catch (StepFailedException)
        {
            // A command (or the SSH server) that ran and failed is a finished create (reported, left as it is for inspection);
            // only a create that never got this far keeps the creating name.
            await operations.RenameAsync(id, finalName, desired.Key, cancellationToken);
            throw;
        }

        await operations.RenameAsync(id, finalName, desired.Key, cancellationToken);
        Log.ContainerCompleted(logger, parameters.Name, finalName);
        if (desired.Power == PowerState.Stopped)
        {
            // Created (create commands run) but the lifecycle says stopped now: an on_demand workspace waits for a wake.
            await operations.StopAsync(id, desired.Key, cancellationToken);
        }
    }

    /// <summary>
    /// The Features step of the image step (docs/devcontainer.md): the derived image replaces the base image, and the
    /// metadata of the base image and of each Feature is merged into what the container step creates.
    /// </summary>
    private async Task<(DesiredWorkspace Desired, ImageInspectResponse Image)> ApplyFeaturesAsync(
        DesiredWorkspace desired, ImageInspectResponse baseImage, IRepositoryContent content, CancellationToken cancellationToken)
    {
        var step = await new Features.FeatureStep(client, mutations, options, logger).ApplyAsync(desired, desired.Image, baseImage, content, cancellationToken);
        var errors = new List<string>();
        var merged = Core.Features.ImageMetadataApplier.Apply(desired with { Image = step.Image }, step.ImageEntries, errors);
        if (errors.Count > 0)
        {
            var where = desired.Features is { } request ? Core.Diagnostics.SourceLocation.StartOf(request.ConfigFile) : null;
            throw new StepFailedException(
                "FeatureMetadataRefused",
                string.Join("\n", errors.Select(e => Core.Diagnostics.Diagnostic.Error(Core.Diagnostics.DiagnosticCodes.FeatureMetadataRefused, e, where).ToString())));
        }

        return (merged, step.Inspect);
    }

    private async Task<IReadOnlyDictionary<string, string>> SecretEnvironmentAsync(DesiredWorkspace desired, CancellationToken cancellationToken)
    {
        var access = desired.Spec.Access;
        var needing = new[] { (access.Jupyter, "access.jupyter"), (access.Vnc, "access.vnc"), (access.Rdp, "access.rdp") }
            .Where(a => a.Item1).Select(a => a.Item2).ToList();
        if (needing.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        return options.SecretEnvironment is { } read
            ? await read(desired, cancellationToken)
            : throw new StepFailedException(
                "SecretsKeyMissing",
                $"{desired.Key} has {string.Join(", ", needing)}, whose generated secrets are kept encrypted: set RECONCILER_SECRETS_KEY or database.secretsKeyFile in the worker configuration (see docs/access.md)");
    }

    private async Task UndoAsync(string containerId, string volume, WorkspaceKey key)
    {
        try
        {
            await new ContainerOperations(client, mutations, options, logger).RemoveAsync(containerId, key, CancellationToken.None);
            mutations.Add();
            await client.Volumes.RemoveAsync(volume, force: false, CancellationToken.None);
        }
        catch (Exception e) when (e is DockerApiException or StepFailedException)
        {
            Log.UndoFailed(logger, volume, e.Message);
        }
    }

    private async Task RemoveVolumeAsync(string volume)
    {
        try
        {
            mutations.Add();
            await client.Volumes.RemoveAsync(volume, force: false, CancellationToken.None);
        }
        catch (DockerApiException e)
        {
            Log.UndoFailed(logger, volume, e.Message);
        }
    }

    /// <summary>
    /// Creates the container. A container of the same name left by an interrupted earlier apply of the
    /// same workspace is removed first (apply must be safe to repeat); any other holder of the name is an error.
    /// </summary>
    private async Task<string> CreateContainerAsync(CreateContainerParameters parameters, WorkspaceKey key, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                mutations.Add();
                var response = await client.Containers.CreateContainerAsync(parameters, cancellationToken);
                return response.ID;
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.Conflict && attempt == 0)
            {
                var operations = new ContainerOperations(client, mutations, options, logger);
                if (!await operations.IsOwnedOrGoneAsync(parameters.Name, key, cancellationToken))
                {
                    throw new StepFailedException("NameConflict", $"a container named {parameters.Name} exists and is not managed by Reconciler for {key}");
                }

                Log.RemovingLeftover(logger, parameters.Name);
                await operations.RemoveAsync(parameters.Name, key, cancellationToken);
            }
            catch (DockerApiException e)
            {
                throw new StepFailedException("ContainerCreateFailed", $"container {parameters.Name} could not be created: {DockerErrors.Message(e)}");
            }
        }
    }
}
