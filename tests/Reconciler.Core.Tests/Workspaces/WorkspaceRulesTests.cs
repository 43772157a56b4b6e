using Reconciler.Core.Workspaces;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Workspaces;

/// <summary>Checks that span several values, made after schema validation and the defaults merge.</summary>
public sealed class WorkspaceRulesTests
{
    [Fact]
    public void Workspace_names_are_unique()
    {
        var error = Workspace.Error(DiagnosticCodes.DuplicateName,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "  - name: trainer");

        Yaml.AssertAt(error, 4, 5);
        Assert.Equal("/workspaces/1/name", error.JsonPointer);
        Assert.Contains("already used on line 3", error.Message);
    }

    [Fact]
    public void A_gpu_mode_needs_a_count()
    {
        var error = Workspace.Error(DiagnosticCodes.MissingRequired,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    gpu: { mode: exclusive }");

        Yaml.AssertAt(error, 4, 5);
    }

    [Fact]
    public void A_gpu_count_of_zero_is_invalid_unless_the_mode_is_none()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    gpu: { mode: mig, count: 0, profile: 1g.10gb }");

        Yaml.AssertAt(error, 4, 23);
        Assert.Contains("at least 1 when mode is mig", error.Message);
    }

    [Fact]
    public void Nfs_volumes_need_a_server_and_a_path()
    {
        var result = WorkspaceFileParser.Parse(Yaml.Lines(
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    storage:",
            "      - { name: data, type: nfs, mountPath: /data }"), Yaml.File);

        Assert.Equal(["/workspaces/0/storage/0/server", "/workspaces/0/storage/0/path"], result.Diagnostics.Select(d => d.JsonPointer));
        Assert.All(result.Diagnostics, d => Yaml.AssertAt(d, 5, 9));
    }

    [Fact]
    public void Volume_names_are_unique_per_workspace()
    {
        var error = Workspace.Error(DiagnosticCodes.DuplicateName,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    storage:",
            "      - { name: home, mountPath: /home/dev }",
            "      - { name: home, mountPath: /root }");

        Yaml.AssertAt(error, 6, 11);
    }

    [Fact]
    public void Ports_are_unique_per_workspace()
    {
        var error = Workspace.Error(DiagnosticCodes.DuplicateName,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    ports:",
            "      - port: 8888",
            "      - port: 8888");

        Yaml.AssertAt(error, 6, 9);
        Assert.Contains("already listed on line 5", error.Message);
    }

    [Fact]
    public void The_same_volume_name_in_two_workspaces_is_fine()
    {
        var file = Workspace.Parse(
            "version: 1",
            "defaults:",
            "  storage: [{ name: home, mountPath: /home/dev }]",
            "workspaces:",
            "  - name: a",
            "  - name: b");

        Assert.All(file.Workspaces, w => Assert.Equal("home", Assert.Single(w.Storage).Name));
    }

    [Fact]
    public void The_version_is_required()
    {
        var error = Workspace.Error(DiagnosticCodes.MissingRequired, "workspaces: []");

        Yaml.AssertAt(error, 1, 1);
        Assert.Equal("the file: missing required key 'version'", error.Message);
    }
}
