using System.Diagnostics;

namespace Reconciler.TestKit;

/// <summary>
/// The reference implementation, @devcontainers/cli 0.89.0, installed by <c>npm ci</c> in tests/devcontainer-cli
/// (.ci/run does it). Missing is a failure, never a skip.
/// </summary>
public static class DevcontainerCli
{
    public static string Path
    {
        get
        {
            var path = System.IO.Path.Combine(TestPaths.RepositoryRoot, "tests", "devcontainer-cli", "node_modules", "@devcontainers", "cli", "devcontainer.js");
            return File.Exists(path)
                ? path
                : throw new InvalidOperationException($"{path} is missing: run `npm ci --prefix tests/devcontainer-cli` (.ci/run does)");
        }
    }

    /// <summary>Runs <c>node devcontainer.js ARGS</c>; returns the exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        IEnumerable<string> arguments, TimeSpan? timeout = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"devcontainer {string.Join(' ', arguments)} did not finish in time: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
