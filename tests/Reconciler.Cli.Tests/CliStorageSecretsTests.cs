using Reconciler.Runtime.Docker.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Cli.Tests;

/// <summary>
/// <c>reconciler apply</c> reads the storage secrets of its configuration as the worker does: an s3 volume whose
/// endpoint's keys are in files is filled from a real S3-compatible server (s3rver); a key file that cannot be read is
/// a located warning, and a workspace naming that endpoint then fails with <c>S3EndpointMissing</c>.
/// </summary>
public sealed class CliStorageSecretsTests : IAsyncLifetime
{
    private const string Bucket = "cli-data";

    private readonly CliWorld _w = new();
    private readonly TempDirectory _config = new("rc-cli-s3");
    private S3rverProcess _s3 = null!;

    [Fact]
    public async Task Apply_fills_an_s3_volume_with_keys_read_from_the_configuration()
    {
        await _s3.PutAsync(Bucket, "set/readme.txt", "from the bucket");
        _config.Write("s3.key", "S3RVER\n");
        var config = _config.Write("reconciler.yaml", $"""
            version: 1
            storage:
              s3:
                local:
                  url: {_s3.Url}
                  pathStyle: true
                  accessKeyFile: s3.key
                  secretKeyFile: s3.key
                broken:
                  url: {_s3.Url}
                  accessKeyFile: missing.key
                  secretKeyFile: s3.key
            """);
        _w.Repo.Write(".daytona/workspace.yaml", $$"""
            version: 1
            workspaces:
              - name: data
                storage:
                  - { name: set, type: s3, endpoint: local, bucket: {{Bucket}}, prefix: set/, mountPath: /set }
            """).Write(".devcontainer/devcontainer.json", $$"""{ "image": "{{_w.Image}}" }""");
        _w.Repo.Commit("an s3 volume");

        var apply = await _w.RunAsync("--config", config, "apply", _w.Repo.Path);

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal("from the bucket", CliWorld.Exec(_w.ContainerName("data"), "cat /set/readme.txt"));
        Assert.Contains("reconciler.yaml:", apply.Error, StringComparison.Ordinal);
        Assert.Contains("warning", apply.Error, StringComparison.Ordinal);
        Assert.Contains("missing.key", apply.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("S3RVER", apply.Output + apply.Error, StringComparison.Ordinal);

        _w.Repo.Write(".daytona/workspace.yaml", $$"""
            version: 1
            workspaces:
              - name: data
                storage:
                  - { name: set, type: s3, endpoint: local, bucket: {{Bucket}}, prefix: set/, mountPath: /set }
              - name: other
                storage:
                  - { name: set, type: s3, endpoint: broken, bucket: {{Bucket}}, prefix: set/, mountPath: /set }
            """);
        _w.Repo.Commit("a volume whose endpoint has no keys");

        var failed = await _w.RunAsync("--config", config, "apply", _w.Repo.Path);

        Assert.NotEqual(0, failed.ExitCode);
        Assert.Contains("S3EndpointMissing", failed.Output + failed.Error, StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        await _w.InitializeAsync();
        _s3 = await S3rverProcess.StartAsync(Bucket);
    }

    public async Task DisposeAsync()
    {
        await _w.DisposeAsync();
        _s3.Dispose();
        _config.Dispose();
    }
}
