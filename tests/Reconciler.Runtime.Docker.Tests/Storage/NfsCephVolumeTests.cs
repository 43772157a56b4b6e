using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Docker.Containers;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.Runtime.Docker.Volumes;

namespace Reconciler.Runtime.Docker.Tests.Storage;

/// <summary>
/// nfs and ceph volumes on the real engine: named volumes of the local driver whose options mount the share when a
/// container starts. Creating them mounts nothing, so no NFS or Ceph server is needed to inspect what was made.
/// </summary>
public sealed class NfsCephVolumeTests : IAsyncLifetime
{
    private const string Secret = "AQBkZ3RleHQtc2VjcmV0LWtleQ==";

    private readonly RuntimeTestContext _t = new(o => o.StorageCredentials = new Dictionary<string, StorageCredential>
    {
        ["ceph-models"] = new("models", Secret),
    });

    private static readonly StorageSpec Nfs = new("datasets", StorageType.Nfs, "/data", Server: "10.0.0.5", Path: "/exports/datasets", ReadOnly: true);

    private static readonly StorageSpec Ceph = new("models", StorageType.Ceph, "/models", Server: "10.0.0.6:6789,10.0.0.7:6789", Path: "/volumes/models")
    {
        Credentials = "ceph-models",
    };

    public Task InitializeAsync() => _t.InitializeAsync();

    public Task DisposeAsync() => _t.DisposeAsync();

    [Fact]
    public async Task Nfs_and_ceph_volumes_carry_the_local_drivers_options_and_the_mounts_honour_read_only()
    {
        var desired = _t.Desired().WithStorage(Nfs, Ceph);
        var mounts = await EnsureAsync(desired);

        var nfs = await _t.Client.Volumes.InspectAsync(WorkspaceNames.StorageVolume(desired.Key, "datasets"));
        Assert.Equal("local", nfs.Driver);
        Assert.Equal(
            new Dictionary<string, string> { ["type"] = "nfs", ["o"] = "addr=10.0.0.5,nfsvers=4,ro", ["device"] = ":/exports/datasets" },
            new Dictionary<string, string>(nfs.Options));
        var ceph = await _t.Client.Volumes.InspectAsync(WorkspaceNames.StorageVolume(desired.Key, "models"));
        Assert.Equal("local", ceph.Driver);
        Assert.Equal(
            new Dictionary<string, string> { ["type"] = "ceph", ["o"] = $"name=models,secret={Secret}", ["device"] = "10.0.0.6:6789,10.0.0.7:6789:/volumes/models" },
            new Dictionary<string, string>(ceph.Options));
        Assert.Equal("storage:models", ceph.Labels[OwnershipLabels.VolumeRole]);
        Assert.DoesNotContain(ceph.Labels.Values, v => v.Contains(Secret, StringComparison.Ordinal));

        // The container (created, not started: starting would mount the shares) mounts them by name, nfs read-only.
        var parameters = ContainerConfigBuilder.Build(desired, mounts);
        parameters.Name = _t.ContainerName() + "-storage";
        var id = (await _t.Client.Containers.CreateContainerAsync(parameters)).ID;
        var container = await _t.Client.Containers.InspectContainerAsync(id);
        var byTarget = container.HostConfig.Mounts.ToDictionary(m => m.Target);
        Assert.Equal((nfs.Name, "volume", true), (byTarget["/data"].Source, byTarget["/data"].Type, byTarget["/data"].ReadOnly));
        Assert.Equal((ceph.Name, false), (byTarget["/models"].Source, byTarget["/models"].ReadOnly));
        Assert.DoesNotContain(container.Config.Labels.Values.Concat(container.Config.Env ?? []), v => v.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_volume_made_with_other_options_is_made_again()
    {
        var desired = _t.Desired().WithStorage(Nfs);
        await EnsureAsync(desired);

        var moved = _t.Desired().WithStorage(Nfs with { Server = "10.0.0.9", ReadOnly = false });
        await EnsureAsync(moved);

        var volume = await _t.Client.Volumes.InspectAsync(WorkspaceNames.StorageVolume(desired.Key, "datasets"));
        Assert.Equal("addr=10.0.0.9,nfsvers=4", volume.Options["o"]);
    }

    [Fact]
    public async Task A_mount_failure_reports_no_ceph_secret()
    {
        // The engine's mount error repeats the driver options; the start fails at once (no such device, or no monitor).
        var result = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired().WithStorage(Ceph with { Server = "127.0.0.1:1" }));

        Assert.Equal(ApplyOutcome.Failed, result.Outcome);
        Assert.Contains("secret=***", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Message + result.OutputTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ceph_credentials_the_worker_has_not_resolved_fail_the_create_by_name()
    {
        var result = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired().WithStorage(Ceph with { Credentials = "other" }));

        Assert.Equal(("StorageCredentialsMissing", ApplyOutcome.Failed), (result.Reason, result.Outcome));
        Assert.Contains("names credentials 'other'", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await _t.VolumesAsync(), v => v.Name.EndsWith("-models", StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<ResolvedMount>> EnsureAsync(DesiredWorkspace desired)
    {
        var mounts = WorkspaceMounts.Resolve(desired);
        var credentials = new Dictionary<string, StorageCredential> { ["ceph-models"] = new("models", Secret) };
        await new VolumeEnsurer(_t.Client, new MutationCounter(), NullLogger.Instance, credentials).EnsureAsync(desired, mounts, CancellationToken.None);
        return mounts;
    }
}
