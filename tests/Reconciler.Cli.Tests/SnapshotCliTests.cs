using Docker.DotNet;
using Docker.DotNet.Models;
using Reconciler.Runtime.Docker.Snapshots;
using Reconciler.TestKit;

namespace Reconciler.Cli.Tests;

/// <summary>
/// Devbox end to end through the binary's entry point, on the real engine and a real registry (issue 9, item 4): an
/// ephemeral <c>persistence: snapshot</c> workspace keeps a file across <c>down</c> and <c>apply</c> without plan
/// thrash, and <c>reconciler publish</c> pushes a release image that a second workspace names as its image.
/// </summary>
public sealed class SnapshotCliTests : IAsyncLifetime
{
    private readonly CliWorld _w = new();
    private readonly TempDirectory _host = new("rc-snapcli");
    private LocalRegistry _registry = null!;

    private string Config => _host.Write("reconciler.yaml", $"""
        version: 1
        snapshots:
          registry: {_registry.Url}
          prefix: cli-test
          retain: 2
        """);

    private string SnapshotPath => $"cli-test/{SnapshotRegistryOptions.RepositoryHash(_w.Identity)}/devbox";

    [Fact]
    public async Task A_devbox_keeps_its_files_across_down_and_apply_and_publish_feeds_a_second_workspace()
    {
        var config = Config;
        _w.Repo.Write(".daytona/workspace.yaml", """
            version: 1
            workspaces:
              - name: devbox
                persistence: snapshot
                lifecycle: { policy: ephemeral, ttl: 8h }
            """).Write(".devcontainer/devcontainer.json", $$"""{ "image": "{{_w.Image}}" }""");
        _w.Repo.Commit("a devbox");

        var first = await _w.RunAsync("--config", config, "apply", _w.Repo.Path);
        Assert.True(first.ExitCode == 0, first.ToString());
        var box = (await _w.InspectAsync("devbox"))!;
        CliWorld.Exec(box.Name.TrimStart('/'), "mkdir -p /opt/tools && echo hand-installed > /opt/tools/tool.txt");

        var down = await _w.RunAsync("--config", config, "down", _w.Repo.Path);
        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.Null(await _w.InspectAsync("devbox"));
        Assert.Single(await _registry.TagsAsync(SnapshotPath), t => t.StartsWith("snap-", StringComparison.Ordinal));

        var again = await _w.RunAsync("--config", config, "apply", _w.Repo.Path);
        Assert.True(again.ExitCode == 0, again.ToString());
        var restored = (await _w.InspectAsync("devbox"))!;
        Assert.NotEqual(box.ID, restored.ID);
        Assert.Equal("hand-installed\n", CliWorld.Exec(restored.Name.TrimStart('/'), "cat /opt/tools/tool.txt"));

        // Starting from the snapshot is not drift: the next pass changes nothing.
        var noop = await _w.RunAsync("--config", config, "apply", _w.Repo.Path);
        Assert.True(noop.ExitCode == 0, noop.ToString());
        Assert.Contains("Nothing to do.", noop.Output, StringComparison.Ordinal);

        var published = await _w.RunAsync("--config", config, "publish", $"{_w.Identity}/devbox", "--tag", "v1");
        Assert.True(published.ExitCode == 0, published.ToString());
        var reference = $"{_registry.Host}/{SnapshotPath}:v1";
        Assert.Contains($"published {_w.Identity}/devbox as {reference}", published.Output, StringComparison.Ordinal);
        Assert.Contains("v1", await _registry.TagsAsync(SnapshotPath));
        Assert.Equal(0, LocalImages.Run("docker", $"rmi {reference}").ExitCode);

        _w.Repo.Write(".daytona/workspace.yaml", """
            version: 1
            workspaces:
              - name: devbox
                persistence: snapshot
                lifecycle: { policy: ephemeral, ttl: 8h }
              - name: consumer
                devcontainer: .devcontainer/consumer/devcontainer.json
            """).Write(".devcontainer/consumer/devcontainer.json", $$"""{ "image": "{{reference}}" }""");
        _w.Repo.Commit("a workspace from the published image");
        var consumed = await _w.RunAsync("--config", config, "apply", _w.Repo.Path);
        Assert.True(consumed.ExitCode == 0, consumed.ToString());
        var consumer = (await _w.InspectAsync("consumer"))!;
        Assert.Equal("hand-installed\n", CliWorld.Exec(consumer.Name.TrimStart('/'), "cat /opt/tools/tool.txt"));
    }

    [Fact]
    public async Task Publish_reports_bad_names_and_tags_as_usage_errors()
    {
        var config = Config;
        var noSlash = await _w.RunAsync("--config", config, "publish", "devbox", "--tag", "v1");
        Assert.Equal(2, noSlash.ExitCode);
        Assert.Contains("REPOSITORY/WORKSPACE", noSlash.Error, StringComparison.Ordinal);

        var snapTag = await _w.RunAsync("--config", config, "publish", $"{_w.Identity}/devbox", "--tag", "snap-1");
        Assert.Equal(2, snapTag.ExitCode);
        Assert.Contains("not snap-", snapTag.Error, StringComparison.Ordinal);

        var noRegistry = await _w.RunAsync("publish", $"{_w.Identity}/devbox", "--tag", "v1");
        Assert.Equal(2, noRegistry.ExitCode);
        Assert.Contains("snapshots:", noRegistry.Error, StringComparison.Ordinal);

        var absent = await _w.RunAsync("--config", config, "publish", $"{_w.Identity}/devbox", "--tag", "v1");
        Assert.Equal(2, absent.ExitCode);
        Assert.Contains($"no container of {_w.Identity}/devbox", absent.Error, StringComparison.Ordinal);
    }

    public async Task InitializeAsync()
    {
        await _w.InitializeAsync();
        _registry = await LocalRegistry.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _w.DisposeAsync();
        using (var client = new DockerClientConfiguration(new Uri("unix:///var/run/docker.sock")).CreateClient())
        {
            foreach (var image in await client.Images.ListImagesAsync(new ImagesListParameters()))
            {
                foreach (var tag in (image.RepoTags ?? []).Where(t => t.StartsWith(_registry.Host + "/", StringComparison.Ordinal)))
                {
                    try
                    {
                        await client.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = true });
                    }
                    catch (DockerApiException)
                    {
                    }
                }
            }
        }

        _registry.Dispose();
        _host.Dispose();
    }
}
