using System.Text.Json;
using Reconciler.Core.Desired;
using Reconciler.TestKit;

namespace Reconciler.Cli.Tests;

/// <summary>
/// The CLI drives libvirt hosts from the worker configuration as the worker does (the same RuntimeSet): plan, apply,
/// a second apply that changes nothing, status (host and state from libvirt), and down, on real libvirt/KVM with a
/// blank base image the test builds. down keeps the overlay unless --prune-volumes.
/// </summary>
public sealed class VmCliTests : IAsyncLifetime
{
    private readonly CliWorld _w = new();
    private readonly TempDirectory _host = new("rc-cli-vm");

    private string Domain => _w.ContainerName("box");

    private string Overlay => Path.Combine(_host.Path, "vms", Domain + ".qcow2");

    [Fact]
    public async Task Plan_apply_status_and_down_reach_a_libvirt_host_of_the_configuration()
    {
        VirshTool.CreateBlankImage(Path.Combine(_host.Path, "images", "blank.qcow2"));
        var config = _host.Write("reconciler.yaml", """
            version: 1
            runtimes:
              libvirt:
                kvm: { imageDir: images, storageDir: vms, shutdownTimeoutSeconds: 1 }
            """);
        _w.Repo.Write(".daytona/workspace.yaml", """
            version: 1
            workspaces:
              - name: box
                deployment: vm
                host: kvm
                resources: { memory: 64Mi }
            """).Write(".devcontainer/devcontainer.json", """{ "image": "blank.qcow2" }""");
        _w.Repo.Commit("a VM");

        var plan = await _w.RunAsync("--config", config, "plan", _w.Repo.Path);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("Plan: 1 to create", plan.Output, StringComparison.Ordinal);
        Assert.Null(VirshTool.State(Domain));

        var apply = await _w.RunAsync("--config", config, "apply", _w.Repo.Path);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal("running", VirshTool.State(Domain));
        Assert.True(File.Exists(Overlay));

        var again = await _w.RunAsync("--config", config, "apply", _w.Repo.Path);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("0 to create, 0 to recreate, 0 to start, 0 to stop, 0 to remove", again.Output, StringComparison.Ordinal);

        var status = await _w.RunAsync("--config", config, "status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        using (var json = JsonDocument.Parse(status.Output))
        {
            var row = Assert.Single(json.RootElement.EnumerateArray(), r => r.GetProperty("repository").GetString() == _w.Identity);
            Assert.Equal(("kvm", "box", "running", Domain), (row.GetProperty("host").GetString(), row.GetProperty("workspace").GetString(), row.GetProperty("state").GetString(), row.GetProperty("container").GetString()));
        }

        var down = await _w.RunAsync("--config", config, "down", _w.Repo.Path);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Null(VirshTool.State(Domain));
        Assert.True(File.Exists(Overlay)); // the VM's disk is its data: kept without --prune-volumes
    }

    public Task InitializeAsync() => _w.InitializeAsync();

    public async Task DisposeAsync()
    {
        VirshTool.RemoveIfPresent(Domain);
        await _w.DisposeAsync();
        _host.Dispose();
    }
}
