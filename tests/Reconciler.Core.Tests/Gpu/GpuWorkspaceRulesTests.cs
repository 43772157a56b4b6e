using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Gpu;

/// <summary>The <c>gpu.memory</c> and <c>gpu.replicas</c> keys and the profile requirement.</summary>
public sealed class GpuWorkspaceRulesTests
{
    [Theory]
    [InlineData("{ mode: exclusive, count: 1, memory: 8Gi }", "memory")]
    [InlineData("{ mode: mig, count: 1, profile: 1g.10gb, replicas: 2 }", "replicas")]
    public void Memory_and_replicas_are_only_for_shared(string gpu, string key)
    {
        var error = Workspace.Error(DiagnosticCodes.InvalidValue, "version: 1", "workspaces:", "  - name: w", $"    gpu: {gpu}");

        Assert.Equal($"/workspaces/0/gpu/{key}", error.JsonPointer);
        Assert.Contains("only allowed with mode shared", error.Message);
    }

    [Fact]
    public void Mig_needs_a_profile()
    {
        var error = Workspace.Error(DiagnosticCodes.MissingRequired, "version: 1", "workspaces:", "  - name: w", "    gpu: { mode: mig, count: 1 }");

        Assert.Contains("profile is required when mode is mig", error.Message);
    }

    [Fact]
    public void Replicas_below_one_are_a_schema_error()
    {
        var result = Reconciler.Core.Workspaces.WorkspaceFileParser.Parse(Yaml.Lines("version: 1", "workspaces:", "  - name: w", "    gpu: { mode: shared, count: 1, replicas: 0 }"), Yaml.File);

        Assert.Contains(result.Diagnostics, d => d.IsError && d.JsonPointer == "/workspaces/0/gpu/replicas");
    }
}
