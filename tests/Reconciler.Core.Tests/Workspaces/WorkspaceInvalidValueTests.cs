using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Workspaces;

/// <summary>Enums, sizes, durations, names and ranges: located at the value, with what to write instead.</summary>
public sealed class WorkspaceInvalidValueTests
{
    [Fact]
    public void A_bad_enum_value_lists_the_allowed_values()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    deployment: docker");

        Yaml.AssertAt(error, 4, 17);
        Assert.Equal("workspaces[0].deployment: 'docker' is not allowed; use one of: docker_local, k8s_pod, k8s_stateful, vm, bare_metal; did you mean 'docker_local'?", error.Message);
    }

    [Fact]
    public void A_bad_size_gives_an_example()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    resources: { memory: 32GB }");

        Yaml.AssertAt(error, 4, 26);
        Assert.Equal("workspaces[0].resources.memory: '32GB' is not valid here; write e.g. 32Gi or 512Mi or 100G", error.Message);
    }

    [Fact]
    public void A_size_of_the_wrong_type_names_both_accepted_types()
    {
        var error = Workspace.Error(DiagnosticCodes.WrongType,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    resources: { disk: true }");

        Yaml.AssertAt(error, 4, 24);
        Assert.Equal("workspaces[0].resources.disk: expected a string or an integer, got true", error.Message);
    }

    [Fact]
    public void A_negative_size_reports_the_minimum()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    resources: { disk: -5 }");

        Assert.Equal("workspaces[0].resources.disk: -5 is too small; it must be at least 0", error.Message);
    }

    [Fact]
    public void A_bad_duration_gives_an_example()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    lifecycle:",
            "      idleTimeout: 2 hours");

        Yaml.AssertAt(error, 5, 20);
        Assert.Equal("workspaces[0].lifecycle.idleTimeout: '2 hours' is not valid here; write e.g. 30m or 2h or 1h30m", error.Message);
    }

    [Fact]
    public void A_name_that_is_not_a_dns_label_is_rejected()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue, "version: 1", "workspaces:", "  - name: My_Trainer");

        Yaml.AssertAt(error, 3, 11);
        Assert.Contains("write e.g. trainer", error.Message);
    }

    [Fact]
    public void An_unsupported_version_is_rejected()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue, "version: 2");

        Yaml.AssertAt(error, 1, 10);
        Assert.Equal("version: 2 is not allowed; use one of: 1", error.Message);
    }

    [Theory]
    [InlineData(".nan")]
    [InlineData(".inf")]
    public void Cpu_must_be_a_finite_number(string cpu)
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            $"    resources: {{ cpu: {cpu} }}");

        Yaml.AssertAt(error, 4, 23);
    }

    [Fact]
    public void A_size_too_large_for_64_bits_is_rejected()
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue,
            "version: 1",
            "workspaces:",
            "  - name: trainer",
            "    resources: { memory: 99999999999Ti }");

        Yaml.AssertAt(error, 4, 26);
    }
}
