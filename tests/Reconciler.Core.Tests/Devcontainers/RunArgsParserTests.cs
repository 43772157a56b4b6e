using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Tests.Devcontainers;

public sealed class RunArgsParserTests
{
    private static DockerRunOptions Options(params string[] args)
        => Devcontainer.Clean("{ \"image\": \"x\", \"runArgs\": " + Newtonsoft.Json.JsonConvert.SerializeObject(args) + " }").RunOptions;

    private static Diagnostic SingleDiagnostic(params string[] args)
        => Devcontainer.Single("{ \"image\": \"x\",\n  \"runArgs\": " + Newtonsoft.Json.JsonConvert.SerializeObject(args) + " }");

    public static TheoryData<string[], Func<DockerRunOptions, object?>, object?> Flags() => new()
    {
        { ["--cpus=1.5"], o => o.Cpus, 1.5 },
        { ["--cpus", "2"], o => o.Cpus, 2.0 },
        { ["--memory=512m"], o => o.MemoryBytes, 512L << 20 },
        { ["-m", "2g"], o => o.MemoryBytes, 2L << 30 },
        { ["-m2g"], o => o.MemoryBytes, 2L << 30 },
        { ["--memory-swap=-1"], o => o.MemorySwapBytes, -1L },
        { ["--shm-size", "1gb"], o => o.ShmSizeBytes, 1L << 30 },
        { ["--gpus", "all"], o => o.Gpus, "all" },
        { ["--device=/dev/fuse"], o => string.Join(";", o.Devices), "/dev/fuse" },
        { ["--cap-add=SYS_PTRACE", "--cap-add", "NET_ADMIN"], o => string.Join(";", o.CapAdd), "SYS_PTRACE;NET_ADMIN" },
        { ["--cap-drop=ALL"], o => string.Join(";", o.CapDrop), "ALL" },
        { ["--security-opt", "seccomp=unconfined"], o => string.Join(";", o.SecurityOpt), "seccomp=unconfined" },
        { ["--network=host"], o => o.Network, "host" },
        { ["--net", "bridge"], o => o.Network, "bridge" },
        { ["--ipc=host"], o => o.Ipc, "host" },
        { ["--pid=host"], o => o.Pid, "host" },
        { ["--userns=keep-id"], o => o.Userns, "keep-id" },
        { ["--platform", "linux/arm64"], o => o.Platform, "linux/arm64" },
        { ["--privileged"], o => o.Privileged, true },
        { ["--privileged=false"], o => o.Privileged, false },
        { ["--init"], o => o.Init, true },
        { ["--init=true"], o => o.Init, true },
        { ["-e", "A=1", "--env=B=2=3"], o => string.Join(";", o.Env.Select(e => e.Key + "=" + e.Value)), "A=1;B=2=3" },
        { ["--env-file", ".devcontainer/devcontainer.env"], o => string.Join(";", o.EnvFiles), ".devcontainer/devcontainer.env" },
        { ["-p", "8080:80", "--publish=127.0.0.1:22:22/tcp"], o => string.Join(";", o.Publish), "8080:80;127.0.0.1:22:22/tcp" },
        { ["-v", "cache:/cache:ro"], o => o.Mounts[0], new MountSpec("volume", "cache", "/cache", true, "cache:/cache:ro") },
        { ["--volume=/var/run/docker.sock:/var/run/docker.sock"], o => o.Mounts[0].Type, "bind" },
        { ["-v", "/anon"], o => o.Mounts[0], new MountSpec("volume", null, "/anon", false, "/anon") },
        { ["--mount", "type=tmpfs,target=/tmp"], o => o.Mounts[0].Type, "tmpfs" },
        { ["-l", "a=b", "--label=c"], o => string.Join(";", o.Labels.Select(e => e.Key + "=" + e.Value)), "a=b;c=" },
        { ["-h", "box"], o => o.Hostname, "box" },
        { ["--hostname=box"], o => o.Hostname, "box" },
        { ["-u", "1000:1000"], o => o.User, "1000:1000" },
        { ["--user=vscode"], o => o.User, "vscode" },
        { ["-w", "/w"], o => o.Workdir, "/w" },
        { ["--add-host=host.docker.internal:host-gateway"], o => string.Join(";", o.AddHosts), "host.docker.internal:host-gateway" },
        { ["--ulimit", "nofile=1024:2048"], o => string.Join(";", o.Ulimits), "nofile=1024:2048" },
    };

    [Theory]
    [MemberData(nameof(Flags))]
    public void Parses_supported_flags(string[] args, Func<DockerRunOptions, object?> read, object? expected)
        => Assert.Equal(expected, read(Options(args)));

    [Fact]
    public void Keeps_runArgs_as_written()
        => Assert.Equal(["--init", "--security-opt", "seccomp=unconfined"], Devcontainer.Clean("""{ "image": "x", "runArgs": ["--init", "--security-opt", "seccomp=unconfined"] }""").RunArgs);

    [Theory]
    [InlineData(new[] { "--init", "--oom-kill-disable" }, 24, "'--oom-kill-disable'")]
    [InlineData(new[] { "--storage-opt", "size=1G" }, 15, "'--storage-opt'")]
    [InlineData(new[] { "ubuntu" }, 15, "\"ubuntu\" is not a docker run flag")]
    [InlineData(new[] { "-x" }, 15, "\"-x\"")]
    public void Unknown_flags_and_positionals_are_errors_at_the_element(string[] args, int column, string expected)
    {
        var error = SingleDiagnostic(args);

        Assert.Equal(DiagnosticCodes.UnknownRunArg, error.Code);
        Devcontainer.AssertAt(error.Location, 2, column);
        Assert.Contains(expected.Replace('\'', '"'), error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing unparsed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Env_without_a_value_is_an_error_pointing_to_localEnv()
    {
        var error = SingleDiagnostic("-e", "GITHUB_TOKEN");

        Assert.Equal(DiagnosticCodes.InvalidRunArg, error.Code);
        Assert.Contains("${localEnv:GITHUB_TOKEN}", error.Message, StringComparison.Ordinal);
        Assert.Contains("containerEnv", error.Message, StringComparison.Ordinal);
        Devcontainer.AssertAt(error.Location, 2, 20);
    }

    [Theory]
    [InlineData("--cpus=lots")]
    [InlineData("--memory=huge")]
    [InlineData("--privileged=maybe")]
    [InlineData("--mount=type=bind,target=/x")]
    [InlineData("-v=a:b:c:d")]
    [InlineData("--cpus")]
    public void Invalid_values_are_errors(string arg)
        => Assert.Equal(DiagnosticCodes.InvalidRunArg, SingleDiagnostic(arg).Code);

    [Fact]
    public void Name_is_recorded_with_a_warning()
    {
        var result = Devcontainer.Parse("""{ "image": "x", "runArgs": ["--name", "mine"] }""");

        Assert.True(result.Succeeded);
        Assert.Equal("mine", result.Value!.RunOptions.Name);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(result.Diagnostics).Severity);
    }

    [Fact]
    public void A_non_string_element_is_a_wrong_type()
        => Assert.Equal(DiagnosticCodes.WrongType, Devcontainer.Single("""{ "image": "x", "runArgs": ["--init", 3] }""").Code);
}
