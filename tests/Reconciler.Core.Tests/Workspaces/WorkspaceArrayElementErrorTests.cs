using Reconciler.Core.Workspaces;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Workspaces;

public sealed class WorkspaceArrayElementErrorTests
{
    [Fact]
    public void An_error_in_a_list_element_is_located_at_that_element()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    storage:",
            "      - { name: home, mountPath: /home/dev }",
            "      - { name: scratch, type: tmpfs, mountPath: /tmp }");

        Yaml.AssertAt(error, 6, 32);
        Assert.Equal("/workspaces/0/storage/1/type", error.JsonPointer);
        Assert.StartsWith("workspaces[0].storage[1].type: 'tmpfs' is not allowed", error.Message);
    }

    [Fact]
    public void A_missing_required_key_in_an_element_points_at_the_element()
    {
        var error = Workspace.Error(DiagnosticCodes.MissingRequired,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "  - type: ide");

        Yaml.AssertAt(error, 4, 5);
        Assert.Equal("/workspaces/1/name", error.JsonPointer);
        Assert.Equal("workspaces[1]: missing required key 'name'", error.Message);
    }

    [Fact]
    public void A_port_out_of_range_reports_the_maximum()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    ports:",
            "      - port: 70000");

        Yaml.AssertAt(error, 5, 15);
        Assert.Equal("workspaces[0].ports[0].port: 70000 is too large; it must be at most 65535", error.Message);
    }

    [Fact]
    public void Every_error_is_reported_in_file_order()
    {
        var result = WorkspaceFileParser.Parse(Yaml.Lines(
            "version: 1",
            "workspaces:",
            "  - name: a",
            "    type: robot",
            "  - name: b",
            "    resorces: {}"), Yaml.File);

        Assert.Equal([DiagnosticCodes.InvalidValue, DiagnosticCodes.UnknownKey], result.Diagnostics.Select(d => d.Code));
        Assert.Equal([4, 6], result.Diagnostics.Select(d => d.Location!.Line));
    }
}
