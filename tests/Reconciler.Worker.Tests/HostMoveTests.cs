using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// A workspace whose <c>host:</c> moves from the Docker host to a libvirt host: the real worker removes the container
/// (its volume is kept: the repository does not prune) and creates and starts the VM on real libvirt/KVM.
/// </summary>
public sealed class HostMoveTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly WorkerWorld _world = new();
    private string _domain = "";

    [Fact]
    public async Task A_workspace_moved_from_docker_to_libvirt_leaves_no_container_keeps_its_volume_and_runs_as_a_vm()
    {
        var (work, identity) = _world.CreateRepository("move");
        var key = new WorkspaceKey(identity, "box");
        _domain = WorkspaceNames.Base(key);
        var folder = Path.GetDirectoryName(_world.ConfigPath)!;
        VirshTool.CreateBlankImage(Path.Combine(folder, "images", "blank.qcow2"));
        work.Write(Files.WorkspaceFile, Files.Workspace("box"));
        work.Write(Files.DevcontainerFile, Files.Devcontainer("on docker"));
        work.CommitAndPush("box on docker");
        await _world.StartAsync($$"""
            version: 1
            repositories:
              - { url: {{work.Url}}, pollInterval: 1s }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h, shutdownTimeout: 10s }
            runtimes:
              libvirt:
                kvm: { imageDir: images, storageDir: vms, shutdownTimeoutSeconds: 1 }
            """);
        await _world.EventuallyAsync(async () => (await _world.InspectAsync(identity, "box"))?.State.Running == true, Timeout, "the container runs on docker");
        var volume = WorkspaceNames.WorkspaceVolume(key);
        Assert.NotNull(await _world.Docker.Volumes.InspectAsync(volume));

        work.Write(Files.WorkspaceFile, """
            version: 1
            workspaces:
              - name: box
                deployment: vm
                host: kvm
                resources: { memory: 64Mi }
            """);
        work.Write(Files.DevcontainerFile, """{ "image": "blank.qcow2" }""");
        work.CommitAndPush("box moves to kvm");

        await _world.EventuallyAsync(() => Task.FromResult(VirshTool.State(_domain) == "running"), Timeout, "the VM runs on kvm");
        Assert.Null(await _world.InspectByLabelsAsync(identity, "box"));
        Assert.NotNull(await _world.Docker.Volumes.InspectAsync(volume));
        Assert.True(File.Exists(Path.Combine(folder, "vms", _domain + ".qcow2")));
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetWorkspaceStatusAsync(key, CancellationToken.None)) is { RuntimeHost: "kvm" } status
                && status.Condition(WorkspaceConditionType.Ready)?.Status == true,
            Timeout,
            "the workspace is reported ready on kvm");
        var events = await _world.Store.ListEventsAsync(new AuditEventQuery(Repository: identity), CancellationToken.None);
        Assert.Contains(events, e => e.Action == "remove" && e.Message != null && e.Message.Contains("moved from host 'default' to 'kvm'", StringComparison.Ordinal));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _world.StopAsync();
        if (_domain.Length > 0)
        {
            VirshTool.RemoveIfPresent(_domain);
        }

        await _world.DisposeAsync();
    }
}
