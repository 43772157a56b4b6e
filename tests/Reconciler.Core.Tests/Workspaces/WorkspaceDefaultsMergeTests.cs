using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Workspaces;

public sealed class WorkspaceDefaultsMergeTests
{
    [Fact]
    public void Mappings_merge_key_by_key_and_the_workspace_wins()
    {
        var file = Workspace.Parse(
            "version: 1",
            "defaults:",
            "  type: terminal",
            "  resources: { cpu: 2, memory: 4Gi }",
            "  ports: [{ port: 22 }]",
            "  labels: { team: ml }",
            "workspaces:",
            "  - name: a",
            "    resources: { cpu: 8 }",
            "    ports: [{ port: 8888 }]",
            "    labels: { app: jupyter }",
            "  - name: b",
            "    type: ide");

        var (a, b) = (file.Workspaces[0], file.Workspaces[1]);
        Assert.Equal(WorkspaceType.Terminal, a.Type);
        Assert.Equal(new ResourceSpec(8, 4L * 1024 * 1024 * 1024), a.Resources);
        Assert.Equal([new PortSpec(8888)], a.Ports);
        Assert.Equal(new Dictionary<string, string> { ["team"] = "ml", ["app"] = "jupyter" }, a.Labels);
        Assert.Equal(WorkspaceType.Ide, b.Type);
        Assert.Equal(new ResourceSpec(2, 4L * 1024 * 1024 * 1024), b.Resources);
        Assert.Equal([new PortSpec(22)], b.Ports);
    }

    [Fact]
    public void An_error_in_an_inherited_value_points_into_defaults()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue,
            "version: 1",
            "defaults:",
            "  gpu:",
            "    profile: 1g.10gb",
            "workspaces:",
            "  - name: trainer",
            "    gpu: { mode: exclusive, count: 1 }");

        Yaml.AssertAt(error, 4, 5);
        Assert.Equal("/workspaces/0/gpu/profile", error.JsonPointer);
        Assert.Contains("only allowed with mode mig or vgpu", error.Message);
    }

    [Fact]
    public void Inherited_values_keep_their_location_in_the_source_map()
    {
        var file = Workspace.Parse(
            "version: 1",
            "defaults:",
            "  owner: alice",
            "workspaces:",
            "  - name: a",
            "  - name: b",
            "    owner: bob");

        var map = file.Document.Map;
        Assert.Equal(new(Yaml.File, 3, 3), map.Locate("/workspaces/0/owner"));
        Assert.Equal(new(Yaml.File, 7, 5), map.Locate("/workspaces/1/owner"));
        Assert.Equal("alice", file.Workspaces[0].Owner);
        Assert.Equal("bob", file.Workspaces[1].Owner);
    }
}
