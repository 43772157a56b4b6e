using Newtonsoft.Json.Linq;
using Reconciler.Core.Devcontainers;

namespace Reconciler.Core.Tests.Devcontainers;

public sealed class DevcontainerBindingTests
{
    private const string Full = """
        {
          "$schema": "https://raw.githubusercontent.com/devcontainers/spec/main/schemas/devContainer.schema.json",
          "name": "My App",
          "image": "mcr.microsoft.com/devcontainers/base:ubuntu",
          "build": { "dockerfile": "Dockerfile", "context": "..", "args": { "VARIANT": "3.12" }, "target": "dev", "cacheFrom": "ghcr.io/x/cache" },
          "features": { "ghcr.io/devcontainers/features/node:1": { "version": "20" }, "ghcr.io/devcontainers/features/git:1": {} },
          "containerEnv": { "A": "1" },
          "remoteEnv": { "B": "2", "UNSET": null },
          "forwardPorts": [3000, "db:5432"],
          "appPort": [8080, "127.0.0.1:2222:22"],
          "portsAttributes": { "3000": { "label": "web" } },
          "otherPortsAttributes": { "onAutoForward": "silent" },
          "mounts": [ "type=volume,source=cache,target=/cache", { "type": "bind", "source": "/etc/hosts", "target": "/h" } ],
          "workspaceFolder": "/work",
          "workspaceMount": "source=/src/my-app,target=/work,type=bind,consistency=cached",
          "runArgs": ["--cpus=2"],
          "privileged": true,
          "capAdd": ["SYS_PTRACE"],
          "securityOpt": ["seccomp=unconfined"],
          "init": true,
          "overrideCommand": false,
          "shutdownAction": "stopContainer",
          "containerUser": "root",
          "remoteUser": "vscode",
          "updateRemoteUserUID": false,
          "userEnvProbe": "loginInteractiveShell",
          "hostRequirements": { "cpus": 4, "memory": "8gb", "storage": "32gb", "gpu": "optional" },
          "onCreateCommand": "make setup",
          "updateContentCommand": ["npm", "ci"],
          "postCreateCommand": { "a": "echo a", "b": ["echo", "b"] },
          "postStartCommand": "echo start",
          "postAttachCommand": "echo attach",
          "waitFor": "postCreateCommand",
          "customizations": { "vscode": { "extensions": ["ms-python.python"] } },
          "secrets": { "TOKEN": { "description": "a token" } }
        }
        """;

    [Fact]
    public void Binds_every_modelled_field()
    {
        var config = Devcontainer.Clean(Full);

        Assert.Equal("My App", config.Name);
        Assert.Equal("mcr.microsoft.com/devcontainers/base:ubuntu", config.Image);
        Assert.Equal(new BuildSpec("Dockerfile", "..", config.Build!.Args, "dev", config.Build.CacheFrom), config.Build);
        Assert.Equal("3.12", config.Build.Args["VARIANT"]);
        Assert.Equal(["ghcr.io/x/cache"], config.Build.CacheFrom);
        Assert.Equal(["ghcr.io/devcontainers/features/git:1", "ghcr.io/devcontainers/features/node:1"], config.Features.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("20", (string?)config.Features["ghcr.io/devcontainers/features/node:1"]["version"]);
        Assert.Equal("1", config.ContainerEnv["A"]);
        Assert.Equal("2", config.RemoteEnv["B"]);
        Assert.True(config.RemoteEnv.ContainsKey("UNSET"));
        Assert.Null(config.RemoteEnv["UNSET"]);
        Assert.Equal([new ForwardPort(3000), new ForwardPort(5432, "db")], config.ForwardPorts);
        Assert.Equal(["8080", "127.0.0.1:2222:22"], config.AppPort);
        Assert.Equal("web", (string?)config.PortsAttributes!["3000"]!["label"]);
        Assert.Equal(
            [new MountSpec("volume", "cache", "/cache", false, "type=volume,source=cache,target=/cache"), new MountSpec("bind", "/etc/hosts", "/h")],
            config.Mounts);
        Assert.Equal("/work", config.WorkspaceFolder);
        Assert.Equal(new MountSpec("bind", "/src/my-app", "/work", false, "source=/src/my-app,target=/work,type=bind,consistency=cached"), config.WorkspaceMount);
        Assert.Equal(["--cpus=2"], config.RunArgs);
        Assert.Equal(2.0, config.RunOptions.Cpus);
        Assert.True(config.Privileged);
        Assert.Equal(["SYS_PTRACE"], config.CapAdd);
        Assert.Equal(["seccomp=unconfined"], config.SecurityOpt);
        Assert.True(config.Init);
        Assert.False(config.OverrideCommand);
        Assert.Equal("stopContainer", config.ShutdownAction);
        Assert.Equal("root", config.ContainerUser);
        Assert.Equal("vscode", config.RemoteUser);
        Assert.False(config.UpdateRemoteUserUid);
        Assert.Equal(new HostRequirements(4, 8L << 30, 32L << 30, new GpuRequirement(false)), config.HostRequirements);
        Assert.Equal(LifecycleCommand.FromShell("make setup"), config.OnCreateCommand);
        Assert.Equal(["npm", "ci"], config.UpdateContentCommand!.Exec);
        Assert.Equal(LifecycleCommandForm.Parallel, config.PostCreateCommand!.Form);
        Assert.Equal("echo start", config.PostStartCommand!.Shell);
        Assert.Equal("echo attach", config.PostAttachCommand!.Shell);
        Assert.Equal("postCreateCommand", config.WaitFor);
        Assert.Equal("ms-python.python", (string?)config.Customizations!["vscode"]!["extensions"]![0]);
        Assert.Null(config.Compose);
        Assert.Null(config.InitializeCommand);
    }

    [Fact]
    public void Keeps_the_document_and_its_source_map()
    {
        var config = Devcontainer.Clean(Full);

        Assert.Equal("My App", (string?)config.Document.Root["name"]);
        Devcontainer.AssertAt(config.Document.Map.Locate("/name"), 3, 3);
    }

    [Fact]
    public void Legacy_top_level_dockerFile_means_build()
    {
        var config = Devcontainer.Clean("""{ "dockerFile": "Dockerfile.dev", "context": "..", "build": { "args": { "X": "y" }, "cacheFrom": ["a", "b"] } }""");

        Assert.Equal("Dockerfile.dev", config.Build!.Dockerfile);
        Assert.Equal("..", config.Build.Context);
        Assert.Equal("y", config.Build.Args["X"]);
        Assert.Equal(["a", "b"], config.Build.CacheFrom);
    }

    [Fact]
    public void Build_without_a_dockerfile_is_an_error_at_build()
    {
        var diagnostic = Devcontainer.Single("{\n  \"build\": { \"context\": \"..\" }\n}");

        Assert.Equal(Core.Diagnostics.DiagnosticCodes.MissingRequired, diagnostic.Code);
        Devcontainer.AssertAt(diagnostic.Location, 2, 3);
    }

    [Fact]
    public void Binds_compose()
    {
        var config = Devcontainer.Clean("""{ "dockerComposeFile": ["../a.yml", "b.yml"], "service": "app", "runServices": ["app", "db"], "workspaceFolder": "/w" }""");

        Assert.Equal(["../a.yml", "b.yml"], config.Compose!.Files);
        Assert.Equal("app", config.Compose.Service);
        Assert.Equal(["app", "db"], config.Compose.RunServices);
        Assert.Equal(["x.yml"], Devcontainer.Clean("""{ "dockerComposeFile": "x.yml", "service": "s" }""").Compose!.Files);
    }

    [Theory]
    [InlineData("8080", "8080")]
    [InlineData("\"3000:3000\"", "3000:3000")]
    public void Reads_a_single_appPort(string json, string expected)
        => Assert.Equal([expected], Devcontainer.Clean($$"""{ "image": "x", "appPort": {{json}} }""").AppPort);

    [Theory]
    [InlineData("true", true, null, null)]
    [InlineData("\"optional\"", false, null, null)]
    [InlineData("{ \"cores\": 2, \"memory\": \"16gb\" }", true, 2, 16L << 30)]
    public void Reads_gpu_requirements(string json, bool required, int? cores, long? memory)
        => Assert.Equal(
            new GpuRequirement(required, cores, memory),
            Devcontainer.Clean($$"""{ "image": "x", "hostRequirements": { "gpu": {{json}} } }""").HostRequirements!.Gpu);

    [Fact]
    public void Gpu_false_requires_no_gpu()
        => Assert.Null(Devcontainer.Clean("""{ "image": "x", "hostRequirements": { "gpu": false } }""").HostRequirements!.Gpu);

    [Fact]
    public void Features_options_are_kept_verbatim()
    {
        var config = Devcontainer.Clean("""{ "image": "x", "features": { "f": "latest", "g": { "n": [1, true] } } }""");

        Assert.Equal(JTokenType.String, config.Features["f"].Type);
        Assert.True(JToken.DeepEquals(JToken.Parse("""{ "n": [1, true] }"""), config.Features["g"]));
    }
}
