using Docker.DotNet.Models;
using Reconciler.Core.Desired;

namespace Reconciler.Cli.Tests;

/// <summary>
/// The core path end to end on the real engine, through the same entry point as the binary:
/// apply converges, a second apply changes nothing, an edit recreates only what it must and keeps the
/// developer's work, a removal removes the container and keeps its volumes, and foreign containers are never touched.
/// </summary>
public sealed class ConvergeTests : IAsyncLifetime
{
    private readonly CliWorld _w = new();

    /// <summary>devcontainer's default: /workspaces/&lt;basename of the local folder&gt;.</summary>
    private string Folder => "/workspaces/" + Path.GetFileName(_w.Repo.Path);

    private string WorkspaceYaml(bool includeWeb = true) => $"""
        version: 1
        defaults:
          team: platform
        workspaces:
        {(includeWeb ? """
          - name: web
            resources: { cpu: 0.5, memory: 256Mi }
            storage:
              - { name: home, type: local, mountPath: /home/dev }
            ports:
              - { port: 8080, name: http }
            labels: { cost-center: "4711" }
        """ : "")}
          - name: other
        """;

    private string Devcontainer(string greeting) => $$"""
        // test devcontainer
        {
          "image": "{{_w.Image}}",
          "containerEnv": { "GREETING": "{{greeting}}", "FOLDER": "${containerWorkspaceFolder}" },
          "containerUser": "dev",
          "remoteUser": "dev",
          "init": true,
          "postCreateCommand": "echo once >> /home/dev/postcreate.log"
        }
        """;

    [Fact]
    public async Task Apply_converges_then_no_ops_then_recreates_on_edit_then_removes()
    {
        var foreign = await StartForeignContainerAsync();
        _w.Repo.Write(".daytona/workspace.yaml", WorkspaceYaml()).Write(".devcontainer/devcontainer.json", Devcontainer("hello")).Write("README.md", "hi\n");
        var commit = _w.Repo.Commit("add workspaces");

        // 1. apply converges.
        var first = await _w.RunAsync("apply", _w.Repo.Path);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("Plan: 2 to create", first.Output, StringComparison.Ordinal);
        var web = (await _w.InspectAsync("web"))!;
        Assert.True(web.State.Running);
        Assert.Contains("GREETING=hello", web.Config.Env);
        Assert.Contains($"FOLDER={Folder}", web.Config.Env);
        Assert.Equal(Folder, web.Config.WorkingDir);
        Assert.Equal("reconciler", web.Config.Labels[OwnershipLabels.ManagedBy]);
        Assert.Equal(_w.Identity, web.Config.Labels[OwnershipLabels.Repository]);
        Assert.Equal("web", web.Config.Labels[OwnershipLabels.Workspace]);
        Assert.Equal(commit, web.Config.Labels[OwnershipLabels.Commit]);
        Assert.Equal("4711", web.Config.Labels["cost-center"]);
        Assert.Equal(500_000_000, web.HostConfig.NanoCPUs);
        Assert.Equal(256L * 1024 * 1024, web.HostConfig.Memory);
        Assert.Equal("dev", web.Config.User);
        Assert.True(web.HostConfig.Init);
        var binding = Assert.Single(web.HostConfig.PortBindings["8080/tcp"]);
        Assert.Equal("127.0.0.1", binding.HostIP);
        Assert.Equal("once\n", CliWorld.Exec(web.Name.TrimStart('/'), "cat /home/dev/postcreate.log"));

        // 2. a second apply makes zero mutating Docker calls (counted from the engine's own event stream).
        var recorder = await _w.RecordAsync();
        var second = await _w.RunAsync("apply", _w.Repo.Path);
        await recorder.StopAsync();
        var mutating = recorder.MutatingEvents;
        await recorder.DisposeAsync();
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("Nothing to do.", second.Output, StringComparison.Ordinal);
        Assert.Empty(mutating);
        Assert.Equal("once\n", CliWorld.Exec(web.Name.TrimStart('/'), "cat /home/dev/postcreate.log"));

        // 3. work written into the workspace volume survives a recreate caused by a containerEnv change.
        var folder = Folder;
        CliWorld.Exec(web.Name.TrimStart('/'), $"echo precious > {folder}/notes.txt", user: "dev");
        _w.Repo.Write(".devcontainer/devcontainer.json", Devcontainer("changed"));
        _w.Repo.Commit("change env");
        var plan = await _w.RunAsync("plan", _w.Repo.Path);
        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Contains("~ recreate web", plan.Output, StringComparison.Ordinal);
        Assert.Contains("(containerEnv.GREETING changed)", plan.Output, StringComparison.Ordinal);
        var third = await _w.RunAsync("apply", _w.Repo.Path);
        Assert.True(third.ExitCode == 0, third.ToString());
        var recreated = (await _w.InspectAsync("web"))!;
        Assert.NotEqual(web.ID, recreated.ID);
        Assert.Contains("GREETING=changed", recreated.Config.Env);
        Assert.Equal("precious\n", CliWorld.Exec(recreated.Name.TrimStart('/'), $"cat {folder}/notes.txt"));

        // 4. removing the workspace from the file removes its container and keeps its volumes.
        var volumesBefore = await _w.VolumeNamesAsync();
        _w.Repo.Write(".daytona/workspace.yaml", WorkspaceYaml(includeWeb: false));
        _w.Repo.Commit("remove web");
        var fourth = await _w.RunAsync("apply", _w.Repo.Path);
        Assert.True(fourth.ExitCode == 0, fourth.ToString());
        Assert.Contains("- remove   web", fourth.Output, StringComparison.Ordinal);
        Assert.Null(await _w.InspectAsync("web"));
        Assert.NotNull(await _w.InspectAsync("other"));
        Assert.Contains(_w.WorkspaceVolume("web"), volumesBefore);
        Assert.Equal(volumesBefore, await _w.VolumeNamesAsync());

        // 5. down removes the rest; the foreign container was never touched.
        var down = await _w.RunAsync("down", _w.Repo.Path);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Null(await _w.InspectAsync("other"));
        var after = await _w.Docker.Containers.InspectContainerAsync(foreign.ID);
        Assert.True(after.State.Running);
        Assert.Equal(foreign.State.StartedAt, after.State.StartedAt);
    }

    [Fact]
    public async Task Status_lists_managed_workspaces_as_json()
    {
        _w.Repo.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: solo\n").Write(".devcontainer/devcontainer.json", Devcontainer("x"));
        _w.Repo.Commit();
        Assert.Equal(0, (await _w.RunAsync("apply", _w.Repo.Path)).ExitCode);

        var status = await _w.RunAsync("status", "--json");

        Assert.Equal(0, status.ExitCode);
        var rows = System.Text.Json.Nodes.JsonNode.Parse(status.Output)!.AsArray();
        var row = Assert.Single(rows, r => (string?)r!["repository"] == _w.Identity);
        Assert.Equal("solo", (string?)row!["workspace"]);
        Assert.Equal("running", (string?)row["state"]);
    }

    private async Task<ContainerInspectResponse> StartForeignContainerAsync()
    {
        var created = await _w.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = _w.Image,
            Name = "foreign-" + Guid.NewGuid().ToString("N")[..12],
            Cmd = ["sleep", "300"],
            Labels = new Dictionary<string, string> { [OwnershipLabels.Repository] = _w.Identity, [OwnershipLabels.Workspace] = "web" },
        });
        await _w.Docker.Containers.StartContainerAsync(created.ID, new ContainerStartParameters());
        _foreign = created.ID;
        return await _w.Docker.Containers.InspectContainerAsync(created.ID);
    }

    private string? _foreign;

    public Task InitializeAsync() => _w.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (_foreign is not null)
        {
            await _w.Docker.Containers.RemoveContainerAsync(_foreign, new ContainerRemoveParameters { Force = true });
        }

        await _w.DisposeAsync();
    }
}
