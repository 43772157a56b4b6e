using System.Diagnostics;
using Reconciler.Core.Desired;
using Reconciler.TestKit;
using Reconciler.TestKit.Git;
using Reconciler.Worker.Runtimes;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// The real worker process (<c>reconciler run</c>) converging a <c>deployment: vm</c> workspace on real libvirt/KVM is
/// killed with SIGKILL exactly between two libvirt calls: the test step hook (<see cref="StepPauseHook"/>) makes it
/// log and hold after the named step, and the test kills it there. A fresh worker then converges: one domain of the
/// workspace (never two), in the desired state, over the same overlay file (same inode).
/// </summary>
public sealed class VmCrashSafetyTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly WorkerWorld _world = new();
    private string _domain = "";

    private string Folder => Path.GetDirectoryName(_world.ConfigPath)!;

    private string Overlay => Path.Combine(Folder, "vms", _domain + ".qcow2");

    [Fact]
    public async Task Worker_killed_between_define_and_start_the_restarted_worker_starts_the_one_domain_on_the_same_overlay()
    {
        var (work, identity) = await SetUpAsync();
        Commit(work, memoryMiB: 64);

        using (var paused = WorkerProcess.Start(_world.ConfigPath, PauseAt("defined")))
        {
            await paused.WaitForLineAsync("paused after libvirt step defined", 0, Timeout);
            paused.Kill();
        }

        Assert.Equal("shut off", VirshTool.State(_domain));
        var inode = VirshTool.Inode(Overlay);

        using var worker = WorkerProcess.Start(_world.ConfigPath);
        await EventuallyAsync(() => VirshTool.State(_domain) == "running", worker, "the restarted worker starts the defined domain");

        Assert.Single(OwnDomains(identity));
        Assert.Equal(inode, VirshTool.Inode(Overlay));
    }

    [Fact]
    public async Task Worker_killed_between_shutdown_and_undefine_of_a_recreate_and_of_a_remove_converges_and_keeps_the_overlay()
    {
        var (work, identity) = await SetUpAsync();
        Commit(work, memoryMiB: 64);
        using (var first = WorkerProcess.Start(_world.ConfigPath))
        {
            await EventuallyAsync(() => VirshTool.State(_domain) == "running", first, "the first worker creates and starts the domain");
        }

        var inode = VirshTool.Inode(Overlay);

        // Recreate (memory 64 → 96 MiB): killed after the old definition was shut down, before its undefine.
        Commit(work, memoryMiB: 96);
        using (var paused = WorkerProcess.Start(_world.ConfigPath, PauseAt("stopped")))
        {
            await paused.WaitForLineAsync("paused after libvirt step stopped", 0, Timeout);
            paused.Kill();
        }

        Assert.Equal("shut off", VirshTool.State(_domain));
        Assert.Contains("<memory unit='KiB'>65536</memory>", VirshTool.Run("dumpxml", _domain), StringComparison.Ordinal);
        using (var worker = WorkerProcess.Start(_world.ConfigPath))
        {
            await EventuallyAsync(
                () => VirshTool.State(_domain) == "running" && VirshTool.Run("dumpxml", _domain).Contains("<memory unit='KiB'>98304</memory>", StringComparison.Ordinal),
                worker,
                "the restarted worker finishes the recreate with 96 MiB");
        }

        Assert.Single(OwnDomains(identity));
        Assert.Equal(inode, VirshTool.Inode(Overlay));

        // Remove (the workspace leaves workspace.yaml): killed after the shutdown, before the undefine.
        work.Write(Files.WorkspaceFile, "version: 1\nworkspaces: []\n");
        work.CommitAndPush("remove the VM");
        using (var paused = WorkerProcess.Start(_world.ConfigPath, PauseAt("stopped")))
        {
            await paused.WaitForLineAsync("paused after libvirt step stopped", 0, Timeout);
            paused.Kill();
        }

        Assert.Equal("shut off", VirshTool.State(_domain));
        using (var worker = WorkerProcess.Start(_world.ConfigPath))
        {
            await EventuallyAsync(() => VirshTool.State(_domain) is null, worker, "the restarted worker finishes the remove");
        }

        Assert.Empty(OwnDomains(identity));
        Assert.Equal(inode, VirshTool.Inode(Overlay)); // kept: the repository does not prune volumes
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_domain.Length > 0)
        {
            VirshTool.RemoveIfPresent(_domain);
        }

        await _world.DisposeAsync();
    }

    private static Dictionary<string, string> PauseAt(string step) => new() { [StepPauseHook.EnvironmentVariable] = step };

    private async Task<(WorkRepository Work, string Identity)> SetUpAsync()
    {
        var (work, identity) = _world.CreateRepository("vmcrash");
        _domain = WorkspaceNames.Base(new WorkspaceKey(identity, "box"));
        VirshTool.CreateBlankImage(Path.Combine(Folder, "images", "blank.qcow2"));
        await File.WriteAllTextAsync(_world.ConfigPath, $$"""
            version: 1
            repositories:
              - { url: {{work.Url}}, pollInterval: 1s }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h, shutdownTimeout: 5s }
            runtimes:
              libvirt:
                kvm: { imageDir: images, storageDir: vms, shutdownTimeoutSeconds: 1 }
            """);
        return (work, identity);
    }

    private static void Commit(WorkRepository work, int memoryMiB)
    {
        work.Write(Files.WorkspaceFile, $$"""
            version: 1
            workspaces:
              - name: box
                deployment: vm
                host: kvm
                resources: { memory: {{memoryMiB}}Mi }
            """);
        work.Write(Files.DevcontainerFile, """{ "image": "blank.qcow2" }""");
        work.CommitAndPush($"box with {memoryMiB} MiB");
    }

    /// <summary>Domains on the host that belong to this repository (every managed name ends with its repository hash).</summary>
    private static List<string> OwnDomains(string identity)
        => VirshTool.AllNames().Where(n => n.EndsWith("-" + WorkspaceNames.RepositoryHash(identity), StringComparison.Ordinal)).ToList();

    private static async Task EventuallyAsync(Func<bool> condition, WorkerProcess worker, string what)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < Timeout)
        {
            if (condition())
            {
                return;
            }

            Assert.False(worker.HasExited, "the worker exited\n" + worker.Tail());
            await Task.Delay(200);
        }

        Assert.Fail($"not within {Timeout}: {what}\n{worker.Tail()}");
    }
}
