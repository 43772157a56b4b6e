using Reconciler.TestKit;

namespace Reconciler.Cli.Tests;

/// <summary>
/// On the real engine: <c>apply --policies</c> creates nothing for a workspace with an enforced violation, creates its
/// compliant sibling, and leaves an already running container as it was when an edit would violate a policy.
/// </summary>
public sealed class PolicyEnforcementTests : IAsyncLifetime
{
    private readonly CliWorld _w = new();

    private static string Policies => Path.Combine(TestPaths.RepositoryRoot, "policies");

    private string Devcontainer(bool privileged) => $$"""
        {
          "image": "{{_w.Image}}",
          "remoteUser": "dev",
          "privileged": {{(privileged ? "true" : "false")}}
        }
        """;

    [Fact]
    public async Task Apply_creates_nothing_for_a_violating_workspace_and_creates_its_compliant_sibling()
    {
        _w.Repo.Write(".daytona/workspace.yaml", """
                version: 1
                workspaces:
                  - { name: bad, devcontainer: .devcontainer/bad.json }
                  - { name: good, devcontainer: .devcontainer/good.json }
                """)
            .Write(".devcontainer/bad.json", Devcontainer(privileged: true))
            .Write(".devcontainer/good.json", Devcontainer(privileged: false));
        _w.Repo.Commit("add");

        var run = await _w.RunAsync("apply", _w.Repo.Path, "--policies", Policies);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error POL-no-privileged: workspace bad: privileged containers are not allowed (/privileged)", run.Error, StringComparison.Ordinal);
        Assert.Contains("policy no-privileged: workspace bad", run.Output, StringComparison.Ordinal);
        Assert.Null(await _w.InspectAsync("bad"));
        Assert.True((await _w.InspectAsync("good"))!.State.Running);
        Assert.DoesNotContain(await _w.VolumeNamesAsync(), v => v == _w.WorkspaceVolume("bad"));
    }

    [Fact]
    public async Task An_edit_that_violates_a_policy_leaves_the_running_container_as_it_was()
    {
        _w.Repo.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: web\n").Write(".devcontainer/devcontainer.json", Devcontainer(privileged: false));
        _w.Repo.Commit("add");
        var first = await _w.RunAsync("apply", _w.Repo.Path, "--policies", Policies);
        Assert.True(first.ExitCode == 0, first.ToString());
        var before = (await _w.InspectAsync("web"))!;

        _w.Repo.Write(".devcontainer/devcontainer.json", Devcontainer(privileged: true));
        _w.Repo.Commit("privileged");
        var plan = await _w.RunAsync("plan", _w.Repo.Path, "--policies", Policies);
        var second = await _w.RunAsync("apply", _w.Repo.Path, "--policies", Policies);

        Assert.Contains("policy no-privileged", plan.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 1, second.ToString());
        var after = (await _w.InspectAsync("web"))!;
        Assert.Equal((before.ID, true, false), (after.ID, after.State.Running, after.HostConfig.Privileged));
    }

    public Task InitializeAsync() => _w.InitializeAsync();

    public Task DisposeAsync() => _w.DisposeAsync();
}
