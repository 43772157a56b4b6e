using System.Diagnostics;
using System.Text;

namespace Reconciler.Worker.Gpus;

/// <summary>
/// Runs a configured inventory command (argv, no shell) and returns what it printed. A non-zero exit, a start
/// failure or a run over <see cref="Timeout"/> is an error text, never an exception. Output is capped at 4 MiB.
/// </summary>
internal static class InventoryCommand
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private const int MaxChars = 4 * 1024 * 1024;

    public static async Task<(string? Output, string? Error)> RunAsync(IReadOnlyList<string> argv, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"could not start {argv[0]}: {e.Message}");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var stdout = ReadAsync(process.StandardOutput, timeout.Token);
        var stderr = ReadAsync(process.StandardError, timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            var output = await stdout;
            var error = await stderr;
            return process.ExitCode == 0 ? (output, null) : (null, $"{argv[0]} exited with {process.ExitCode}: {Tail(error + output)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return (null, $"{argv[0]} did not finish within {Timeout.TotalSeconds:0} s");
        }
    }

    private static async Task<string> ReadAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (text.Length < MaxChars)
            {
                text.Append(buffer, 0, Math.Min(read, MaxChars - text.Length));
            }
        }

        return text.ToString();
    }

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 300 ? trimmed : "…" + trimmed[^300..];
    }
}
