using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests;

public sealed class BuildTests : IAsyncLifetime
{
    private readonly RuntimeTestContext _t = new();
    private readonly string _image = $"reconciler-test/build-{Guid.NewGuid():N}:1";

    public Task InitializeAsync() => _t.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _t.DisposeAsync();
        LocalImages.Run("docker", $"rmi -f {_image}");
    }

    [Fact]
    public async Task A_Dockerfile_build_honours_dockerignore_and_build_args()
    {
        _t.Checkout.Write(".devcontainer/Dockerfile", $"FROM {LocalImages.Busybox}\nARG GREETING\nCOPY . /ctx/\nRUN echo \"$GREETING\" > /greeting\n");
        _t.Checkout.Write(".dockerignore", "# secrets stay out\nsecret.txt\n**/*.log\n!logs/keep.log\n/build\n");
        _t.Checkout.Write("app.txt", "app\n");
        _t.Checkout.Write("secret.txt", "hunter2\n");
        _t.Checkout.Write("logs/drop.log", "x\n");
        _t.Checkout.Write("logs/keep.log", "y\n");
        _t.Checkout.Write("build/out.bin", "z\n");
        var desired = Building(new ResolvedBuild(".", ".devcontainer/Dockerfile", new Dictionary<string, string> { ["GREETING"] = "hi" }, null, []));

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message + "\n" + result.OutputTail);
        var files = LocalImages.Run("docker", $"run --rm {_image} find /ctx -type f");
        Assert.Equal(["/ctx/.devcontainer/Dockerfile", "/ctx/.dockerignore", "/ctx/app.txt", "/ctx/logs/keep.log"], files.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.Equal("hi\n", LocalImages.Run("docker", $"run --rm {_image} cat /greeting").Output);
    }

    [Fact]
    public async Task A_Dockerfile_outside_the_context_is_sent_along()
    {
        _t.Checkout.Write(".devcontainer/Dockerfile", $"FROM {LocalImages.Busybox}\nCOPY . /ctx/\n");
        _t.Checkout.Write("app/main.txt", "main\n");
        _t.Checkout.Write("other.txt", "outside the context\n");
        var desired = Building(new ResolvedBuild("app", ".devcontainer/Dockerfile", new Dictionary<string, string>(), null, []));

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.True(result.Outcome == ApplyOutcome.Succeeded, result.Message + "\n" + result.OutputTail);
        var files = LocalImages.Run("docker", $"run --rm {_image} find /ctx -type f");
        Assert.Equal(["/ctx/.reconciler/Dockerfile", "/ctx/main.txt"], files.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failing_build_reports_BuildFailed_with_the_output_tail()
    {
        _t.Checkout.Write("Dockerfile", $"FROM {LocalImages.Busybox}\nRUN echo compiling && exit 7\n");
        var desired = Building(new ResolvedBuild(".", "Dockerfile", new Dictionary<string, string>(), null, []));

        var result = await _t.ApplyAsync(PlanActionKind.Create, desired);

        Assert.Equal(ApplyOutcome.Failed, result.Outcome);
        Assert.Equal("BuildFailed", result.Reason);
        Assert.Contains("non-zero code: 7", result.Message, StringComparison.Ordinal);
        Assert.Contains("compiling", result.OutputTail, StringComparison.Ordinal);
        Assert.Empty(await _t.Runtime.ObserveAsync(_t.Repository, CancellationToken.None));
    }

    private DesiredWorkspace Building(ResolvedBuild build) => _t.Desired() with { Image = _image, Build = build };
}
