using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Desired;

public sealed class DesiredStateCompilerTests
{
    [Fact]
    public void Same_input_gives_the_same_hash_and_commit_is_not_hashed()
    {
        var a = Compile.Workspace("web", commit: "c1");
        var b = Compile.Workspace("web", commit: "c2");

        Assert.Equal(a.SpecHash, b.SpecHash);
        Assert.Equal(16, a.SpecHash.Length);
        Assert.Equal("c2", b.Commit);
    }

    [Fact]
    public void Resources_take_the_larger_of_workspace_yaml_host_requirements_and_run_args()
    {
        var config = Compile.Config() with
        {
            HostRequirements = new HostRequirements(4, 8L << 30, null, null),
            RunOptions = new DockerRunOptions { Cpus = 2, MemoryBytes = 1L << 30 },
        };
        var spec = new WorkspaceSpec { Name = "web", Resources = new ResourceSpec(Cpu: 0.5, MemoryBytes: 32L << 30) };

        var container = Compile.Workspace("web", config, spec).Container;

        Assert.Equal(4_000_000_000, container.NanoCpus);
        Assert.Equal(32L << 30, container.MemoryBytes);
    }

    [Fact]
    public void No_resources_declared_means_no_limits()
    {
        var container = Compile.Workspace("web").Container;

        Assert.Null(container.NanoCpus);
        Assert.Null(container.MemoryBytes);
    }

    [Fact]
    public void Run_args_env_wins_over_container_env()
    {
        var config = Compile.Config(env: new Dictionary<string, string> { ["A"] = "from-containerEnv", ["B"] = "b" }) with
        {
            RunOptions = new DockerRunOptions { Env = new Dictionary<string, string> { ["A"] = "from-runArgs" } },
        };

        var env = Compile.Workspace("web", config).Container.Env;

        Assert.Equal("from-runArgs", env["A"]);
        Assert.Equal("b", env["B"]);
    }

    [Fact]
    public void Ports_bind_loopback_unless_public_and_docker_picks_the_host_port()
    {
        var spec = new WorkspaceSpec
        {
            Name = "web",
            Ports = [new PortSpec(8888, "jupyter"), new PortSpec(8080, "http", PortExposure.Public)],
        };
        var config = Compile.Config() with { AppPort = ["3000", "127.0.0.1:9000:90/udp"], ForwardPorts = [new ForwardPort(5000), new ForwardPort(5432, "db")] };

        var ports = Compile.Workspace("web", config, spec).Container.Ports;

        Assert.Contains(new PortBinding(8888, null, "tcp", "127.0.0.1"), ports);
        Assert.Contains(new PortBinding(8080, null, "tcp", "0.0.0.0"), ports);
        Assert.Contains(new PortBinding(3000, 3000, "tcp", "127.0.0.1"), ports);
        Assert.Contains(new PortBinding(90, 9000, "udp", "127.0.0.1"), ports);
        Assert.Contains(new PortBinding(5000, null, "tcp", "127.0.0.1"), ports);
        Assert.DoesNotContain(ports, p => p.ContainerPort == 5432);
    }

    [Fact]
    public void Workspace_folder_is_a_named_volume_mounted_first_and_local_storage_gets_volumes()
    {
        var spec = new WorkspaceSpec { Name = "web", Storage = [new StorageSpec("home", StorageType.Local, "/home/dev")] };
        var config = Compile.Config() with
        {
            Mounts = [new MountSpec("bind", "/tmp/x", "/workspaces/ml"), new MountSpec("volume", "shared", "/data", ReadOnly: true)],
        };

        var desired = Compile.Workspace("web", config, spec);
        var mounts = desired.Container.Mounts;

        Assert.Equal("/workspaces/ml", desired.Container.WorkspaceFolder);
        Assert.Equal(new MountRequest(MountKind.Volume, WorkspaceNames.WorkspaceVolume(desired.Key), "/workspaces/ml"), mounts[0]);
        Assert.Contains(new MountRequest(MountKind.Volume, WorkspaceNames.StorageVolume(desired.Key, "home"), "/home/dev"), mounts);
        Assert.Contains(new MountRequest(MountKind.Volume, "shared", "/data", true), mounts);
        Assert.DoesNotContain(mounts, m => m.Kind == MountKind.Bind);
    }

    [Fact]
    public void Features_are_handed_to_the_Docker_runtime_and_hashed_with_their_options()
    {
        var config = Compile.Config() with
        {
            Features = new Dictionary<string, Newtonsoft.Json.Linq.JToken> { ["ghcr.io/devcontainers/features/node:1"] = Newtonsoft.Json.Linq.JObject.Parse("""{ "version": "20", "a": true }""") },
        };

        var desired = Compile.Workspace("web", config);

        Assert.Empty(desired.Unsupported);
        var feature = Assert.Single(desired.Features!.Features);
        Assert.Equal(("ghcr.io", "devcontainers/features/node", "1"), (feature.Reference.Registry, feature.Reference.Repository, feature.Reference.Tag));
        Assert.Equal("""{"a":true,"version":"20"}""", desired.Fields["features.ghcr.io/devcontainers/features/node:1"]);
    }

    [Fact]
    public void Features_on_a_VM_are_not_supported()
    {
        var config = Compile.Config() with
        {
            Features = new Dictionary<string, Newtonsoft.Json.Linq.JToken> { ["ghcr.io/devcontainers/features/node:1"] = new Newtonsoft.Json.Linq.JObject() },
        };

        var desired = Compile.Workspace("web", config, new WorkspaceSpec { Name = "web", Deployment = DeploymentKind.Vm });

        Assert.Contains("devcontainer features (ghcr.io/devcontainers/features/node:1)", desired.Unsupported);
    }

    [Fact]
    public void An_unconfigured_host_is_not_supported()
    {
        var desired = Compile.Workspace("web", spec: new WorkspaceSpec { Name = "web", Host = "gpu-node-1" });

        Assert.Contains(desired.Unsupported, u => u.StartsWith("host 'gpu-node-1' is not configured", StringComparison.Ordinal));
    }

    [Fact]
    public void Lifecycle_commands_are_part_of_the_spec()
    {
        var config = Compile.Config() with
        {
            PostCreateCommand = LifecycleCommand.FromShell("make setup"),
            PostStartCommand = LifecycleCommand.FromExec(["echo", "hi"]),
        };

        var desired = Compile.Workspace("web", config);

        Assert.Equal("make setup", desired.Fields["postCreateCommand"]);
        Assert.Equal("[\"echo\", \"hi\"]", desired.Fields["postStartCommand"]);
        Assert.NotEqual(Compile.Workspace("web").SpecHash, desired.SpecHash);
    }

    [Fact]
    public void Build_images_are_tagged_by_build_inputs_not_by_commit()
    {
        var build = new ResolvedBuild(".devcontainer", ".devcontainer/Dockerfile", new Dictionary<string, string> { ["V"] = "1" }, null, []);
        DesiredWorkspace Compiled(string commit, string dockerfile) => DesiredStateCompiler.Compile(
            new CompileRequest(new WorkspaceSpec { Name = "web" }, Compile.Config() with { Image = null }, ".devcontainer/devcontainer.json", Compile.Repository, commit, build, dockerfile),
            CompilerOptions.Default).Desired!;

        var first = Compiled("c1", "FROM base\n");

        Assert.StartsWith("reconciler-build/rc-ml-web-", first.Image, StringComparison.Ordinal);
        Assert.Equal(first.Image, Compiled("c2", "FROM base\n").Image);
        Assert.NotEqual(first.Image, Compiled("c1", "FROM base\nRUN true\n").Image);
    }

    [Fact]
    public void No_image_and_no_build_is_a_located_error()
    {
        var result = DesiredStateCompiler.Compile(
            new CompileRequest(new WorkspaceSpec { Name = "web" }, Compile.Config() with { Image = null }, ".devcontainer/devcontainer.json", Compile.Repository, "c1"),
            CompilerOptions.Default);

        Assert.Null(result.Desired);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(".devcontainer/devcontainer.json:1:1", error.Location!.ToString());
    }

    [Fact]
    public void Reserved_labels_are_dropped_with_a_warning()
    {
        var spec = new WorkspaceSpec { Name = "web", Labels = new Dictionary<string, string> { ["dev.reconciler.managed-by"] = "me", ["team"] = "a" } };

        var desired = Compile.Workspace("web", spec: spec);

        Assert.Equal(["team"], desired.Container.Labels.Keys);
        Assert.Single(desired.Warnings);
    }
}
