using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Workspaces;

public sealed class WorkspaceWrongTypeTests
{
    [Fact]
    public void A_string_where_a_number_belongs_names_the_expected_type()
    {
        var error = Workspace.Error(DiagnosticCodes.WrongType,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    resources:",
            "      cpu: eight");

        Yaml.AssertAt(error, 5, 12);
        Assert.Equal("/workspaces/0/resources/cpu", error.JsonPointer);
        Assert.Equal("workspaces[0].resources.cpu: expected a number, got the string 'eight'", error.Message);
    }

    [Fact]
    public void A_number_as_a_label_value_says_to_quote_it()
    {
        var error = Workspace.Error(DiagnosticCodes.WrongType,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    labels: { cost-center: 4711 }");

        Yaml.AssertAt(error, 4, 28);
        Assert.Equal("workspaces[0].labels.cost-center: expected a string, got the number 4711; quote it: \"4711\"", error.Message);
    }

    [Fact]
    public void A_list_where_a_mapping_belongs_is_a_wrong_type()
    {
        var error = Workspace.Error(DiagnosticCodes.WrongType,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    gpu:",
            "      - exclusive");

        Yaml.AssertAt(error, 5, 7);
        Assert.Contains("expected a mapping", error.Message);
    }

    [Fact]
    public void The_version_must_be_an_integer()
    {
        var error = Workspace.Error(DiagnosticCodes.WrongType, "version: \"1\"");

        Yaml.AssertAt(error, 1, 10);
    }

    [Fact]
    public void The_document_must_be_a_mapping()
    {
        var error = Workspace.Error(DiagnosticCodes.WrongType, "- a", "- b");

        Yaml.AssertAt(error, 1, 1);
        Assert.Equal("", error.JsonPointer);
    }
}
