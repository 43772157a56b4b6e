using System.Diagnostics;
using Reconciler.TestKit;

namespace Reconciler.Worker.Tests.Support;

/// <summary>
/// The real worker as a child process: <c>dotnet reconciler.dll run --config FILE</c>, the CLI assembly the test
/// project builds (a project reference that is not linked). Its output lines are kept for waiting and failure messages.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private WorkerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary><c>src/Reconciler.Cli/bin/&lt;configuration of this test build&gt;/net10.0/reconciler.dll</c>.</summary>
    public static string CliAssembly
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            var path = Path.Combine(TestPaths.RepositoryRoot, "src", "Reconciler.Cli", "bin", configuration, framework.Name, "reconciler.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The CLI is not built at {path}; build the test project (it references Reconciler.Cli).");
        }
    }

    public int LineCount
    {
        get
        {
            lock (_lines)
            {
                return _lines.Count;
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <param name="environment">Extra environment variables of the worker (a test step hook).</param>
    public static WorkerProcess Start(string configPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(configPath)!,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        foreach (var argument in new[] { CliAssembly, "run", "--config", configPath })
        {
            start.ArgumentList.Add(argument);
        }

        return new WorkerProcess(Process.Start(start)!);
    }

    /// <summary>Waits for a line after the first <paramref name="from"/> lines that contains <paramref name="text"/>.</summary>
    public async Task WaitForLineAsync(string text, int from, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            lock (_lines)
            {
                if (_lines.Skip(from).Any(l => l.Contains(text, StringComparison.Ordinal)))
                {
                    return;
                }
            }

            Assert.False(_process.HasExited, $"the worker exited with {(_process.HasExited ? _process.ExitCode : 0)}\n{Tail()}");
            await Task.Delay(10);
        }

        Assert.Fail($"the worker did not log '{text}' within {timeout}\n{Tail()}");
    }

    /// <summary>SIGKILL to the worker and everything it started: nothing gets to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public string Tail(int lines = 60)
    {
        lock (_lines)
        {
            return string.Join('\n', _lines.TakeLast(lines));
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
