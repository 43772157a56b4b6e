using static Reconciler.Core.Tests.Policies.PolicyHarness;

namespace Reconciler.Core.Tests.Policies;

/// <summary>The aggregate rules over all workspaces of a repository.</summary>
public sealed class BuiltinRuleTests
{
    [Fact]
    public void Quota_flags_the_workspace_that_crosses_the_limit_at_the_value_that_did()
    {
        var quota = Parse("""
            name: team-quota
            message: "{workspace}: {detail}"
            rule:
              builtin: quota
              params: { per: team, max: { gpus: 2, workspaces: 3, cpu: 10, memory: 16Gi } }
            """);
        var violations = Load([quota], """
            version: 1
            defaults:
              team: ml
            workspaces:
              - name: a
                resources: { cpu: 8, memory: 8Gi }
                gpu: { mode: exclusive, count: 2 }
              - name: b
                resources: { cpu: 4 }
              - name: c
                gpu: { mode: exclusive, count: 1 }
              - name: d
                team: other
            """, (".devcontainer/devcontainer.json", Compliant)).Violations;
        Assert.Equal(
            [("b", "/workspaces/1/resources/cpu", 9, 23), ("c", "/workspaces/2/gpu/count", 11, 36)],
            violations.Select(v => (v.Workspace, v.Pointer, v.Location.Line, v.Location.Column)));
        Assert.Equal("b: team ml: 12 CPUs in total, more than the quota of 10", violations[0].Message);
    }

    [Fact]
    public void Unique_host_ports_flags_the_second_use()
    {
        var rule = Parse("""
            name: unique-ports
            message: "{workspace}: {detail}"
            rule: { builtin: uniqueHostPorts }
            """);
        var violations = Load([rule], """
            version: 1
            workspaces:
              - name: a
                devcontainer: a.json
              - name: b
                devcontainer: b.json
            """, ("a.json", """{ "image": "x", "runArgs": ["-p", "8080:80"] }"""), ("b.json", """{ "image": "x", "appPort": [8080, 9090] }""")).Violations;
        var violation = Assert.Single(violations);
        Assert.Equal(("b", "b.json", "/appPort/0", 1, 29), (violation.Workspace, violation.Location.File, violation.Pointer, violation.Location.Line, violation.Location.Column));
        Assert.Equal("b: host port 8080/tcp on host default is already published by workspace a", violation.Message);
    }

    [Fact]
    public void Allowed_registries_can_require_a_digest()
    {
        var rule = Parse("""
            name: pinned
            message: "{value}: {detail}"
            rule: { builtin: allowedRegistries, params: { registries: ["*.example.com"], requireDigest: true } }
            """);
        var devcontainers = new[]
        {
            ("a.json", """{ "image": "registry.example.com/dev@sha256:0123" }"""),
            ("b.json", """{ "image": "registry.example.com/dev:1" }"""),
            ("c.json", """{ "image": "ubuntu" }"""),
        };
        var violations = Load([rule], """
            version: 1
            workspaces:
              - { name: a, devcontainer: a.json }
              - { name: b, devcontainer: b.json }
              - { name: c, devcontainer: c.json }
            """, devcontainers).Violations;
        Assert.Equal(
            ["registry.example.com/dev:1: the image is not pinned by digest (@sha256:…)", "ubuntu: registry docker.io is not allowed (allowed: *.example.com)"],
            violations.Select(v => v.Message));
    }

    [Fact]
    public void Match_and_exclude_select_workspaces_by_glob()
    {
        var rule = Parse("""
            name: scoped
            match: { teams: ["ml-*"], types: [training] }
            exclude: { repositories: ["example.test/other"] }
            message: "{workspace}"
            rule: { schema: { properties: { workspace: { properties: { name: { enum: [nobody] } } } } } }
            """);
        var violations = Load([rule], """
            version: 1
            workspaces:
              - { name: hit, team: ml-vision, type: training }
              - { name: wrong-type, team: ml-vision }
              - { name: wrong-team, team: web, type: training }
              - { name: no-team, type: training }
            """, (".devcontainer/devcontainer.json", Compliant)).Violations;
        Assert.Equal(["hit"], violations.Select(v => v.Workspace));
    }
}
