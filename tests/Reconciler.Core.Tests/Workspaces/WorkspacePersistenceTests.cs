using Reconciler.Core.Desired;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Desired;
using Reconciler.Core.Tests.Support;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Workspaces;

/// <summary><c>persistence</c>: none by default, snapshot opt-in (also from defaults), not part of the spec hash, Docker only.</summary>
public sealed class WorkspacePersistenceTests
{
    [Fact]
    public void Persistence_binds_from_the_workspace_and_from_defaults()
    {
        var file = Workspace.Parse(
            "version: 1",
            "defaults: { persistence: snapshot }",
            "workspaces:",
            "  - name: devbox",
            "  - name: plain",
            "    persistence: none");

        Assert.Equal(WorkspacePersistence.Snapshot, file.Workspaces.Single(w => w.Name == "devbox").Persistence);
        Assert.Equal(WorkspacePersistence.None, file.Workspaces.Single(w => w.Name == "plain").Persistence);
        Assert.Equal(WorkspacePersistence.None, Workspace.Parse("version: 1", "workspaces:", "  - name: x").Workspaces[0].Persistence);
    }

    [Fact]
    public void An_unknown_persistence_is_refused_at_its_value()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue,
            "version: 1",
            "workspaces:",
            "  - name: devbox",
            "    persistence: snapshots");

        Yaml.AssertAt(error, 4, 18);
        Assert.Contains("use one of: none, snapshot", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Persistence_is_not_in_the_spec_hash()
    {
        var spec = new WorkspaceSpec { Name = "dev" };

        Assert.Equal(
            Compile.Workspace("dev", spec: spec).SpecHash,
            Compile.Workspace("dev", spec: spec with { Persistence = WorkspacePersistence.Snapshot }).SpecHash);
        Assert.Empty(Compile.Workspace("dev", spec: spec with { Persistence = WorkspacePersistence.Snapshot }).Unsupported);
    }

    [Fact]
    public void Snapshot_persistence_off_docker_is_unsupported()
    {
        var spec = new WorkspaceSpec { Name = "vm", Deployment = DeploymentKind.Vm, Persistence = WorkspacePersistence.Snapshot };
        var options = new CompilerOptions(new HashSet<string>(StringComparer.Ordinal) { "default" }) { VmHosts = new HashSet<string>(StringComparer.Ordinal) { "default" } };

        var result = DesiredStateCompiler.Compile(new CompileRequest(spec, Compile.Config(), ".devcontainer/devcontainer.json", Compile.Repository, "c1"), options);

        Assert.Equal(["persistence: snapshot on deployment vm (docker_local only)"], result.Desired!.Unsupported);
    }
}
