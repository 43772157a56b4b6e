using System.Diagnostics;

namespace Reconciler.TestKit;

/// <summary>
/// Builds the local busybox image tests run (no image can be pulled here): a rootfs with the static
/// busybox, root and a non-root user <c>dev</c> (uid 1000), imported with <c>docker import</c>.
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

            var busybox = File.Exists("/bin/busybox") ? "/bin/busybox" : throw new InvalidOperationException("busybox-static is not installed (apt-get install busybox-static)");
            using var root = new TempDirectory("rootfs");
            foreach (var dir in new[] { "bin", "etc", "tmp", "root", "home/dev", "workspaces", "usr/bin", "sbin", "usr/sbin" })
            {
                Directory.CreateDirectory(Path.Combine(root.Path, dir));
            }

            File.Copy(busybox, Path.Combine(root.Path, "bin", "busybox"));
            var install = Run("chroot", $"{root.Path} /bin/busybox --install -s /bin");
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException("busybox --install failed: " + install.Output);
            }

            root.Write("etc/passwd", "root:x:0:0:root:/root:/bin/sh\ndev:x:1000:1000:dev:/home/dev:/bin/sh\n");
            root.Write("etc/group", "root:x:0:\ndev:x:1000:\n");
            Run("chown", $"1000:1000 {Path.Combine(root.Path, "home/dev")}");
            var import = Run("sh", $"-c \"tar -C {root.Path} -c . | docker import - {Busybox}\"");
            if (import.ExitCode != 0)
            {
                throw new InvalidOperationException("docker import failed: " + import.Output);
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
