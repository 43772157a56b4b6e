using Reconciler.Core.Diagnostics;
using Reconciler.TestKit;
using Reconciler.Worker.Configuration;
using Reconciler.Worker.Runtimes;

namespace Reconciler.Worker.Tests;

/// <summary>The <c>snapshots</c> registry password is checked at start-up and reaches the Docker runtimes as a reader, never as text in settings.</summary>
public sealed class SnapshotsConfigTests : IDisposable
{
    private readonly TempDirectory _folder = new("reconciler-config");

    [Fact]
    public void A_missing_password_variable_stops_the_worker_where_it_is_named()
    {
        var (settings, diagnostics) = Load(
            "version: 1",
            "snapshots:",
            "  registry: http://127.0.0.1:5000",
            "  user: robot",
            $"  passwordEnv: RC_TEST_UNSET_{Guid.NewGuid():N}");

        Assert.Null(settings);
        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.ConfigInvalid, 5), (error.Code, error.Location!.Line));
        Assert.Contains("environment variable RC_TEST_UNSET_", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_password_file_is_read_when_used_so_a_rotated_password_needs_no_restart()
    {
        _folder.Write("registry.pw", "first\n");
        var (settings, diagnostics) = Load(
            "version: 1",
            "snapshots:",
            "  registry: http://127.0.0.1:5000",
            "  prefix: devboxes",
            "  retain: 4",
            "  user: robot",
            "  passwordFile: registry.pw");
        Assert.Empty(diagnostics);

        var options = SnapshotRegistrySettings.From(settings!.Config.Snapshots, _folder.Path)!;

        Assert.Equal(("127.0.0.1:5000", "devboxes", 4, "robot"), (options.Host, options.Prefix, options.Retain, options.User));
        Assert.Equal("first", options.Password!()!.Trim());
        _folder.Write("registry.pw", "second\n");
        Assert.Equal("second", options.Password()!.Trim());
    }

    private (WorkerSettings? Settings, IReadOnlyList<Diagnostic> Diagnostics) Load(params string[] lines)
        => WorkerConfigLoader.Load(_folder.Write("reconciler.yaml", string.Join('\n', lines) + "\n"), "reconciler.yaml");

    public void Dispose() => _folder.Dispose();
}
