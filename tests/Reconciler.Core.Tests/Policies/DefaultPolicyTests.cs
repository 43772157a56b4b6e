using Reconciler.Core.Policies;
using static Reconciler.Core.Tests.Policies.PolicyHarness;

namespace Reconciler.Core.Tests.Policies;

/// <summary>Each shipped policy (policies/*.yaml): a violating example located exactly, and a compliant one.</summary>
public sealed class DefaultPolicyTests
{
    private const string Devcontainer = ".devcontainer/devcontainer.json";
    private const string WorkspaceFile = ".daytona/workspace.yaml";

    [Fact]
    public void Default_set_has_the_thirteen_policies()
        => Assert.Equal(
            ["allowed-registries", "default-capabilities", "ephemeral-ttl", "gpu-lifecycle", "localenv-allowlist", "no-host-bind-mounts", "no-host-namespaces",
             "no-initialize-command", "no-privileged", "no-unconfined-security", "non-root-user", "public-ports", "resource-ceilings"],
            DefaultSet.Select(p => p.Name));

    [Fact]
    public void No_privileged()
    {
        AssertOne(Check("no-privileged", """
            {
              "image": "mcr.microsoft.com/devcontainers/base:ubuntu",
              "remoteUser": "vscode",
              "privileged": true
            }
            """), Devcontainer, 4, 17, "/privileged");
        AssertOne(Check("no-privileged", """{ "image": "x", "runArgs": ["--privileged"] }"""), Devcontainer, 1, 29, "/runArgs/0");
        Assert.Empty(Check("no-privileged", """{ "image": "x", "privileged": false, "runArgs": ["--privileged=false"] }"""));
    }

    [Fact]
    public void No_host_namespaces()
    {
        AssertOne(Check("no-host-namespaces", """
            {
              "image": "x",
              "remoteUser": "vscode",
              "runArgs": ["--pid", "host"]
            }
            """), Devcontainer, 4, 24, "/runArgs/1");
        Assert.Empty(Check("no-host-namespaces", """{ "image": "x", "runArgs": ["--network=bridge", "--ipc=private"] }"""));
    }

    [Fact]
    public void Capabilities_only_from_the_default_set()
    {
        AssertOne(Check("default-capabilities", """
            {
              "image": "x",
              "capAdd": ["SYS_PTRACE"]
            }
            """), Devcontainer, 3, 14, "/capAdd/0");
        Assert.Empty(Check("default-capabilities", """{ "image": "x", "capAdd": ["NET_BIND_SERVICE"], "runArgs": ["--cap-add=chown", "--cap-add", "CAP_KILL"] }"""));
    }

    [Fact]
    public void No_host_bind_mounts()
    {
        AssertOne(Check("no-host-bind-mounts", """
            {
              "image": "x",
              "mounts": ["type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock"]
            }
            """), Devcontainer, 3, 14, "/mounts/0");
        Assert.Single(Check("no-host-bind-mounts", """{ "image": "x", "runArgs": ["-v", "/:/host"] }"""));
        Assert.Empty(Check("no-host-bind-mounts", """
            {
              "image": "x",
              "mounts": ["type=bind,source=${localWorkspaceFolder}/cache,target=/cache", "type=volume,source=data,target=/data"],
              "runArgs": ["-v", "/tmp/.X11-unix:/tmp/.X11-unix"]
            }
            """));
    }

    [Fact]
    public void No_unconfined_seccomp_or_apparmor()
    {
        AssertOne(Check("no-unconfined-security", """
            {
              "image": "x",
              "securityOpt": ["seccomp=unconfined"]
            }
            """), Devcontainer, 3, 19, "/securityOpt/0");
        Assert.Single(Check("no-unconfined-security", """{ "image": "x", "runArgs": ["--security-opt", "apparmor=unconfined"] }"""));
        Assert.Empty(Check("no-unconfined-security", """{ "image": "x", "securityOpt": ["no-new-privileges"] }"""));
    }

    [Fact]
    public void Non_root_user()
    {
        AssertOne(Check("non-root-user", """
            {
              "image": "ubuntu:24.04",
              "remoteUser": "root"
            }
            """), Devcontainer, 3, 17, "/remoteUser");

        // No user and an image not known to default to a non-root user: counts as root, located at the file.
        AssertOne(Check("non-root-user", """{ "image": "ubuntu:24.04" }"""), Devcontainer, 1, 1, "");
        Assert.Empty(Check("non-root-user", """{ "image": "ubuntu:24.04", "containerUser": "dev" }"""));
        Assert.Empty(Check("non-root-user", """{ "image": "mcr.microsoft.com/devcontainers/python:3" }"""));
    }

    [Fact]
    public void Images_only_from_allowed_registries()
    {
        AssertOne(Check("allowed-registries", """
            {
              "image": "quay.io/acme/dev:1"
            }
            """), Devcontainer, 2, 12, "/image");
        Assert.Empty(Check("allowed-registries", """{ "image": "ghcr.io/acme/dev:1" }"""));
        Assert.Empty(Check("allowed-registries", """{ "image": "ubuntu:24.04" }"""));
    }

    [Fact]
    public void Resource_ceilings()
    {
        AssertOne(Check("resource-ceilings", Compliant, """
            version: 1
            workspaces:
              - name: dev
                resources: { memory: 128Gi }
            """), WorkspaceFile, 4, 26, "/workspaces/0/resources/memory");
        Assert.Single(Check("resource-ceilings", """{ "image": "x", "runArgs": ["--cpus=32"] }"""));
        Assert.Empty(Check("resource-ceilings", """{ "image": "x", "runArgs": ["--cpus=4", "--memory=8g"] }""", """
            version: 1
            workspaces:
              - name: dev
                resources: { cpu: 16, memory: 64Gi, disk: 500Gi }
            """));
    }

    [Fact]
    public void Gpu_workspaces_need_a_schedule_on_demand_or_idle_timeout()
    {
        AssertOne(Check("gpu-lifecycle", Compliant, """
            version: 1
            workspaces:
              - name: dev
                gpu: { mode: exclusive, count: 1 }
                lifecycle: { policy: persistent }
            """), WorkspaceFile, 5, 26, "/workspaces/0/lifecycle/policy");
        Assert.Single(Check("gpu-lifecycle", """{ "image": "x", "runArgs": ["--gpus", "all"] }"""));
        Assert.Empty(Check("gpu-lifecycle", Compliant, """
            version: 1
            workspaces:
              - name: dev
                gpu: { mode: exclusive, count: 1 }
                lifecycle: { policy: on_demand }
              - name: idle
                gpu: { mode: exclusive, count: 1 }
                lifecycle: { idleTimeout: 2h }
              - name: cpu-only
            """));
    }

    [Fact]
    public void Ephemeral_ttl_at_most_30_days()
    {
        AssertOne(Check("ephemeral-ttl", Compliant, """
            version: 1
            workspaces:
              - name: dev
                lifecycle: { policy: ephemeral, ttl: 60d }
            """), WorkspaceFile, 4, 42, "/workspaces/0/lifecycle/ttl");
        Assert.Empty(Check("ephemeral-ttl", Compliant, """
            version: 1
            workspaces:
              - name: dev
                lifecycle: { policy: ephemeral, ttl: 30d }
            """));
    }

    [Fact]
    public void Public_ports_only_for_allowed_teams()
    {
        AssertOne(Check("public-ports", Compliant, """
            version: 1
            workspaces:
              - name: dev
                team: ml
                ports:
                  - { port: 8080, expose: public }
            """), WorkspaceFile, 6, 31, "/workspaces/0/ports/0/expose");
        Assert.Empty(Check("public-ports", Compliant, """
            version: 1
            workspaces:
              - name: dev
                team: platform
                ports:
                  - { port: 8080, expose: public }
              - name: other
                ports:
                  - { port: 8080 }
            """));
    }

    [Fact]
    public void LocalEnv_only_for_allow_listed_names()
    {
        AssertOne(Check("localenv-allowlist", """
            {
              "image": "x",
              "containerEnv": { "TOKEN": "${localEnv:GITHUB_TOKEN}" }
            }
            """), Devcontainer, 3, 30, "/containerEnv/TOKEN");
        Assert.Empty(Check("localenv-allowlist", """{ "image": "x", "containerEnv": { "TZ": "${localEnv:TZ:UTC}" } }"""));
    }

    [Fact]
    public void InitializeCommand_is_flagged_as_a_warning_that_does_not_block()
    {
        var violations = Check("no-initialize-command", """
            {
              "image": "x",
              "initializeCommand": "make init"
            }
            """);
        AssertOne(violations, Devcontainer, 3, 24, "/initializeCommand");
        Assert.Equal(ViolationLevel.Warning, violations[0].Level);
        Assert.False(violations[0].Blocks);
        Assert.Empty(Check("no-initialize-command", Compliant));
    }

    [Fact]
    public void A_compliant_workspace_passes_the_whole_default_set()
        => Assert.Empty(Load(DefaultSet, OneWorkspace, (Devcontainer, Compliant)).Violations);
}
