using System.Diagnostics;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Libvirt.Tests.Support;

/// <summary>
/// The crash probe (tests/Reconciler.Runtime.Libvirt.CrashProbe) as a child process: one converge pass with the real
/// planner and runtime that pauses after a named step, so the test can SIGKILL it exactly there.
/// </summary>
internal sealed class ProbeProcess : IDisposable
{
    private readonly Process _process;

    private ProbeProcess(Process process) => _process = process;

    private static string Assembly
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(TestPaths.RepositoryRoot, "tests", "Reconciler.Runtime.Libvirt.CrashProbe", "bin", framework.Parent!.Name, framework.Name, "Reconciler.Runtime.Libvirt.CrashProbe.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The crash probe is not built at {path}; build the test project (it references the probe).");
        }
    }

    /// <summary>Starts a pass that converges workspace "main" to present (with <paramref name="memoryMiB"/>) or absent.</summary>
    public static ProbeProcess Start(LibvirtTestContext t, bool present, long memoryMiB, string pauseAt)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Assembly, t.Repository, t.Images.Path, t.Storage.Path, t.Checkout.Path, present ? "present" : "absent", memoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture), pauseAt })
        {
            start.ArgumentList.Add(argument);
        }

        return new ProbeProcess(Process.Start(start)!);
    }

    /// <summary>Reads output lines until one equals <paramref name="line"/>; fails with everything read when the process ends first.</summary>
    public async Task WaitForLineAsync(string line, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        while (await _process.StandardOutput.ReadLineAsync(cancel.Token) is { } read)
        {
            seen.Add(read);
            if (read == line)
            {
                return;
            }
        }

        throw new InvalidOperationException($"probe ended without '{line}'; output: {string.Join(" | ", seen)}; stderr: {await _process.StandardError.ReadToEndAsync(cancel.Token)}");
    }

    /// <summary>SIGKILL: no finally block, no cleanup, no flush.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.Dispose();
    }
}
