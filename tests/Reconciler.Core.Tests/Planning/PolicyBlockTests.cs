using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Tests.Desired;
using Reconciler.Core.Tests.Policies;

namespace Reconciler.Core.Tests.Planning;

/// <summary>An enforced policy violation blocks the workspace like an unsupported capability; warnings and audits do not.</summary>
public sealed class PolicyBlockTests
{
    [Fact]
    public void Enforced_violation_blocks_create_and_leaves_an_existing_container_as_it_is()
    {
        var running = Compile.Workspace("web");
        var violating = running with { PolicyViolations = ["no-privileged: workspace web: privileged containers are not allowed (/privileged)"] };

        var fresh = Assert.Single(Planner.Plan([violating], []).Actions);
        var existing = Assert.Single(Planner.Plan([violating with { SpecHash = "changed" }], [new WorkspaceObservation(
            "id", "rc-web", running.Key, running.SpecHash, ObservedState.Running, running.Commit, DateTimeOffset.UnixEpoch, running.Fields)]).Actions);

        Assert.Equal((PlanActionKind.Blocked, PlanActionKind.Blocked), (fresh.Kind, existing.Kind));
        Assert.Equal(["policy no-privileged: workspace web: privileged containers are not allowed (/privileged)"], fresh.Reasons);
        Assert.Contains("the existing container is left as it is", existing.Reasons);
    }

    [Fact]
    public void Loader_puts_only_blocking_violations_on_the_workspace()
    {
        var loaded = PolicyHarness.Load(PolicyHarness.DefaultSet, """
            version: 1
            workspaces:
              - { name: bad, devcontainer: bad.json }
              - { name: warned, devcontainer: warned.json }
            """,
            ("bad.json", """{ "image": "mcr.microsoft.com/devcontainers/base:ubuntu", "privileged": true }"""),
            ("warned.json", """{ "image": "mcr.microsoft.com/devcontainers/base:ubuntu", "initializeCommand": "x" }"""));

        var plan = Planner.Plan(loaded.Workspaces, []);

        Assert.Equal([("bad", PlanActionKind.Blocked), ("warned", PlanActionKind.Create)], plan.Actions.Select(a => (a.Key.Workspace, a.Kind)));
        Assert.Equal(2, loaded.Violations.Count);
    }
}
