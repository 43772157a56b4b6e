using Reconciler.Core.Devcontainers;
using Reconciler.Core.Policies.Effective;
using Reconciler.Core.Workspaces;
using static Reconciler.Core.Tests.Policies.PolicyHarness;

namespace Reconciler.Core.Tests.Policies;

/// <summary>Every value of the effective document maps back to the position that produced it, one test per kind of source.</summary>
public sealed class EffectiveLocationTests
{
    [Fact]
    public void Yaml_field()
    {
        var effective = Build("""
            version: 1
            workspaces:
              - name: dev
                resources: { cpu: 32 }
            """, Compliant);
        Assert.Equal(32L, (long)effective.Root["workspace"]!["resources"]!["cpu"]!);
        AssertSource(effective, "/workspace/resources/cpu", ".daytona/workspace.yaml", 4, 23, "/workspaces/0/resources/cpu");
    }

    [Fact]
    public void Jsonc_field()
    {
        var effective = Build(OneWorkspace, """
            // comment
            {
              "image": "x",
              /* another */ "privileged": true
            }
            """);
        AssertSource(effective, "/devcontainer/privileged", ".devcontainer/devcontainer.json", 4, 31, "/privileged");
    }

    [Fact]
    public void RunArgs_element()
    {
        var effective = Build(OneWorkspace, """
            {
              "image": "x",
              "runArgs": ["--cap-add", "SYS_ADMIN", "--network=host"]
            }
            """);
        Assert.Equal("SYS_ADMIN", (string?)effective.Root["runArgs"]!["capAdd"]![0]);
        AssertSource(effective, "/runArgs/capAdd/0", ".devcontainer/devcontainer.json", 3, 28, "/runArgs/1");
        AssertSource(effective, "/runArgs/network", ".devcontainer/devcontainer.json", 3, 41, "/runArgs/2");
    }

    [Fact]
    public void Mounts_entry()
    {
        var effective = Build(OneWorkspace, """
            {
              "image": "x",
              "mounts": [
                { "type": "volume", "source": "cache", "target": "/cache" },
                "type=bind,source=/etc,target=/host-etc"
              ]
            }
            """);
        Assert.Equal("/etc", (string?)effective.Root["mounts"]![1]!["hostPath"]);
        Assert.Null(effective.Root["mounts"]![0]!["hostPath"]);
        AssertSource(effective, "/mounts/1/hostPath", ".devcontainer/devcontainer.json", 5, 5, "/mounts/1");
    }

    [Fact]
    public void Field_inherited_from_defaults_locates_to_the_defaults_line_with_the_workspace_pointer()
    {
        var effective = Build("""
            version: 1
            defaults:
              resources: { cpu: 32, memory: 8Gi }
            workspaces:
              - name: dev
            """, Compliant);
        AssertSource(effective, "/workspace/resources/cpu", ".daytona/workspace.yaml", 3, 21, "/workspaces/0/resources/cpu");
        Assert.Equal(8L << 30, (long)effective.Root["workspace"]!["resources"]!["memoryBytes"]!);
        AssertSource(effective, "/workspace/resources/memoryBytes", ".daytona/workspace.yaml", 3, 33, "/workspaces/0/resources/memory");
    }

    [Fact]
    public void Defaults_not_written_are_filled_and_locate_to_the_entry()
    {
        var effective = Build(OneWorkspace, Compliant);
        Assert.Equal("persistent", (string?)effective.Root["workspace"]!["lifecycle"]!["policy"]);
        Assert.Equal("docker_local", (string?)effective.Root["workspace"]!["deployment"]);
        AssertSource(effective, "/workspace/lifecycle/policy", ".daytona/workspace.yaml", 3, 5, "/workspaces/0");
    }

    private static void AssertSource(EffectiveWorkspace effective, string pointer, string file, int line, int column, string sourcePointer)
    {
        var source = effective.Sources.Resolve(pointer);
        Assert.Equal((file, line, column, sourcePointer), (source.Location.File, source.Location.Line, source.Location.Column, source.Pointer));
    }

    internal static EffectiveWorkspace Build(string workspaceYaml, string devcontainer)
    {
        var file = WorkspaceFileParser.Parse(workspaceYaml, ".daytona/workspace.yaml");
        Assert.True(file.Succeeded, string.Join("\n", file.Diagnostics));
        var config = DevcontainerParser.Parse(devcontainer, ".devcontainer/devcontainer.json", SubstitutionContext.Empty("/src/repo", "id"));
        Assert.True(config.Succeeded, string.Join("\n", config.Diagnostics));
        return EffectiveWorkspaceBuilder.Build(file.Value!, 0, config.Value!, "example.test/policies", "/src/repo");
    }
}
