using System.Diagnostics;

namespace Reconciler.TestKit;

/// <summary>
/// Builds the local busybox image tests run (no image can be pulled here) with scripts/make-local-image.sh:
/// the static busybox, root and a non-root user <c>dev</c> (uid 1000), imported with <c>docker import</c>.
/// Idempotent and safe to call from parallel tests.
/// </summary>
public static class LocalImages
{
    public const string Busybox = "reconciler-test/busybox:1";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _ready;

    public static async Task<string> EnsureBusyboxAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_ready || Run("docker", $"image inspect {Busybox}").ExitCode == 0)
            {
                _ready = true;
                return Busybox;
            }

            // One recipe for tests, the demo and benchmarks: scripts/make-local-image.sh.
            var script = Path.Combine(TestPaths.RepositoryRoot, "scripts", "make-local-image.sh");
            var built = Run("bash", $"{script} {Busybox}");
            if (built.ExitCode != 0)
            {
                throw new InvalidOperationException($"{script} failed: {built.Output}");
            }

            _ready = true;
            return Busybox;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static (int ExitCode, string Output) Run(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
