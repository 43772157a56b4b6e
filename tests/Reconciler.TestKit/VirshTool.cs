using System.Diagnostics;

namespace Reconciler.TestKit;

/// <summary>
/// The real <c>virsh</c> and <c>qemu-img</c> on this machine, for worker and CLI tests that check libvirt
/// independently of the adapter, and clean up the domains they made.
/// </summary>
public static class VirshTool
{
    public const string Uri = "qemu:///system";

    public static (int ExitCode, string Output) Try(params string[] arguments) => RunTool("virsh", ["-c", Uri, .. arguments]);

    public static string Run(params string[] arguments)
    {
        var (code, output) = Try(arguments);
        return code == 0 ? output : throw new InvalidOperationException($"virsh {string.Join(' ', arguments)} exited {code}: {output}");
    }

    /// <summary>Names of every domain defined on the host (running or not).</summary>
    public static IReadOnlyList<string> AllNames()
        => Run("list", "--all", "--name").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary><c>running</c>, <c>shut off</c>, …; null when the domain does not exist.</summary>
    public static string? State(string name)
        => Try("domstate", name) is (0, var output) ? output.Trim() : null;

    public static void RemoveIfPresent(string name)
    {
        Try("destroy", name);
        Try("undefine", name, "--nvram");
    }

    /// <summary>A blank qcow2 base image (a guest that sits in its firmware) of <paramref name="size"/>.</summary>
    public static void CreateBlankImage(string path, string size = "16M")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var (code, output) = RunTool("qemu-img", ["create", "-q", "-f", "qcow2", path, size]);
        if (code != 0)
        {
            throw new InvalidOperationException($"qemu-img create {path} exited {code}: {output}");
        }
    }

    /// <summary>The inode of a file: the same inode means the same overlay, never re-created.</summary>
    public static long Inode(string path)
    {
        var (code, output) = RunTool("stat", ["-c", "%i", path]);
        return code == 0 ? long.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture) : throw new FileNotFoundException(output, path);
    }

    /// <summary>Runs a host tool and returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) RunTool(string file, IEnumerable<string> arguments)
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
