using System.Diagnostics;

namespace Reconciler.Runtime.Libvirt.Tests.Support;

/// <summary>The real <c>virsh</c> against the system daemon, for assertions and cleanup independent of the adapter.</summary>
internal static class Virsh
{
    public const string Uri = "qemu:///system";

    public static (int ExitCode, string Output) Try(params string[] arguments) => Tool.Run("virsh", ["-c", Uri, .. arguments]);

    public static string Run(params string[] arguments)
    {
        var (code, output) = Try(arguments);
        return code == 0 ? output : throw new InvalidOperationException($"virsh {string.Join(' ', arguments)} exited {code}: {output}");
    }

    /// <summary>Names of every domain defined on the host (running or not).</summary>
    public static IReadOnlyList<string> AllNames()
        => Run("list", "--all", "--name").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static void RemoveIfPresent(string name)
    {
        Try("destroy", name);
        Try("undefine", name, "--nvram");
    }
}

/// <summary>Runs a host tool and returns its exit code and combined output.</summary>
internal static class Tool
{
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }
}
