using System.Diagnostics;
using Reconciler.Runtime.Libvirt.Native;

namespace Reconciler.Runtime.Libvirt.Disks;

/// <summary>Runs a host tool (qemu-img, genisoimage) with an argument list (no shell) and fails with its output on a non-zero exit.</summary>
internal static class ProcessRunner
{
    public static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new StepFailedException("ToolFailed", $"{file} could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + await stderr;
        if (process.ExitCode != 0)
        {
            throw new StepFailedException("ToolFailed", $"{Path.GetFileName(file)} exited with {process.ExitCode}", process.ExitCode, Tail(output));
        }

        return output;
    }

    private static string Tail(string output)
    {
        var lines = output.TrimEnd().Split('\n');
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Length - 20)));
    }
}
