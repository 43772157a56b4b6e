using System.Diagnostics;
using System.Globalization;

namespace Reconciler.Storage.Sqlite.Tests.Support;

/// <summary>Runs <see cref="CrashWriter"/> in a child process (this test assembly's own Main) and kills it with SIGKILL.</summary>
internal sealed class ChildWriter : IDisposable
{
    private readonly Process process;

    private ChildWriter(Process process) => this.process = process;

    /// <summary>Event ids (and messages) whose commit returned before the kill.</summary>
    public Dictionary<long, string> Acknowledged { get; } = [];

    public static ChildWriter Start(string databasePath)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", typeof(ChildWriter).Assembly.Location, CrashWriter.Command, databasePath })
        {
            start.ArgumentList.Add(argument);
        }

        return new ChildWriter(Process.Start(start) ?? throw new InvalidOperationException("could not start the child writer"));
    }

    /// <summary>Waits until the child acknowledged <paramref name="events"/> events (0: only opened the store).</summary>
    public async Task WaitForAsync(int events, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var ready = false;
        while (!ready || Acknowledged.Count < events)
        {
            var line = await process.StandardOutput.ReadLineAsync(cancel.Token)
                ?? throw new InvalidOperationException($"The child writer exited early: {await process.StandardError.ReadToEndAsync(cancel.Token)}");
            ready |= line == CrashWriter.Ready;
            Record(line);
        }
    }

    /// <summary>SIGKILL, then collects the complete lines it wrote before dying (a torn last line is ignored).</summary>
    public async Task KillAsync()
    {
        process.Kill();
        await process.WaitForExitAsync();
        var rest = await process.StandardOutput.ReadToEndAsync();
        var lines = rest.Split('\n');
        foreach (var line in lines[..^1])
        {
            Record(line);
        }
    }

    /// <summary>Never leaves a writer behind, even when a test fails before <see cref="KillAsync"/>.</summary>
    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Record(string line)
    {
        var parts = line.Split(' ');
        if (parts is ["event", var id, var message])
        {
            Acknowledged.Add(long.Parse(id, CultureInfo.InvariantCulture), message);
        }
    }
}
