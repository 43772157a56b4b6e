using System.Diagnostics;

namespace Reconciler.TestKit;

/// <summary>
/// Builds the local images tests run (no image can be pulled here) with scripts/make-local-image.sh (the static busybox,
/// root and a non-root user <c>dev</c> (uid 1000), imported with <c>docker import</c>) and scripts/make-ssh-image.sh.
/// Idempotent and safe to call from parallel tests.
/// </summary>
public static class LocalImages
{
    public const string Busybox = "reconciler-test/busybox:1";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>Busybox plus the OpenSSH server of Debian's openssh-server package (scripts/make-ssh-image.sh), for access.ssh.</summary>
    public const string Sshd = "reconciler-test/sshd:1";

    private static readonly HashSet<string> Ready = new(StringComparer.Ordinal);

    public static Task<string> EnsureBusyboxAsync() => EnsureAsync(Busybox, "make-local-image.sh");

    public static Task<string> EnsureSshdAsync() => EnsureAsync(Sshd, "make-ssh-image.sh");

    private static async Task<string> EnsureAsync(string image, string scriptName)
    {
        await Gate.WaitAsync();
        try
        {
            if (Ready.Contains(image) || Run("docker", $"image inspect {image}").ExitCode == 0)
            {
                Ready.Add(image);
                return image;
            }

            // One recipe for tests, the demo and benchmarks: the script in scripts/.
            var script = Path.Combine(TestPaths.RepositoryRoot, "scripts", scriptName);
            var built = Run("bash", $"{script} {image}");
            if (built.ExitCode != 0)
            {
                throw new InvalidOperationException($"{script} failed: {built.Output}");
            }

            Ready.Add(image);
            return image;
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
