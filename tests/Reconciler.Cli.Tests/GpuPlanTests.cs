using System.Text.Json;
using Reconciler.TestKit;

namespace Reconciler.Cli.Tests;

/// <summary>
/// <c>plan</c> with <c>--gpu-inventory</c> (the real H100 capture): the first of two exclusive requests gets the GPU,
/// the second is pending with the reason, in text and JSON; without an inventory both wait and say why.
/// </summary>
public sealed class GpuPlanTests : IAsyncLifetime
{
    private const string Uuid = "GPU-b415a2fd-e821-7b7c-b5cb-fa21e07a8843";
    private readonly CliWorld _w = new();

    public Task InitializeAsync() => _w.InitializeAsync();

    public Task DisposeAsync() => _w.DisposeAsync();

    private void WriteRepository()
    {
        _w.Repo.Write(".daytona/workspace.yaml", """
            version: 1
            defaults: { gpu: { mode: exclusive, count: 1, model: H100 } }
            workspaces:
              - name: train
              - name: notebook
            """).Write(".devcontainer/devcontainer.json", $$"""{ "image": "{{_w.Image}}" }""");
        _w.Repo.Commit("gpu workspaces");
    }

    [Fact]
    public async Task Plan_shows_the_assignment_and_the_pending_reason()
    {
        WriteRepository();
        var inventory = TestPaths.Fixture("gpu", "h100-80gb-mig-disabled", "nvidia-smi-q.xml");

        var text = await _w.RunAsync("plan", _w.Repo.Path, "--gpu-inventory", inventory);
        var json = await _w.RunAsync("plan", _w.Repo.Path, "--json", "--gpu-inventory", "default=" + inventory);

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains($"+ create   train     (new workspace; GPU {Uuid} on default)", text.Output, StringComparison.Ordinal);
        Assert.Contains("… pending  notebook  (waiting for GPUs: needs 1 × H100 on one host; free: 0)", text.Output, StringComparison.Ordinal);
        Assert.Contains("1 pending", text.Output, StringComparison.Ordinal);
        using var plan = JsonDocument.Parse(json.Output);
        var actions = plan.RootElement.GetProperty("actions").EnumerateArray().ToDictionary(a => a.GetProperty("workspace").GetString()!);
        Assert.Equal(Uuid, actions["train"].GetProperty("gpu").GetProperty("devices")[0].GetString());
        Assert.Equal("pending", actions["notebook"].GetProperty("action").GetString());
        Assert.Equal("needs 1 × H100 on one host; free: 0", actions["notebook"].GetProperty("gpu").GetProperty("pending").GetString());
        Assert.Equal(1, plan.RootElement.GetProperty("summary").GetProperty("pending").GetInt32());
    }

    [Fact]
    public async Task Without_an_inventory_every_request_waits_and_a_bad_file_is_a_warning()
    {
        WriteRepository();
        var broken = Path.Combine(_w.Repo.Path, "not-nvidia-smi.txt");
        await File.WriteAllTextAsync(broken, "hello\n");

        var run = await _w.RunAsync("plan", _w.Repo.Path, "--gpu-inventory", broken);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning: the GPU inventory of host 'default' could not be read", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.Output.Split('\n').Count(l => l.Contains("waiting for GPUs: host 'default' has no GPU inventory", StringComparison.Ordinal)));
    }
}
