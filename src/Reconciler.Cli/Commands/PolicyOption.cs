using System.CommandLine;
using Reconciler.Cli.Hosting;
using Reconciler.Core.Policies;

namespace Reconciler.Cli.Commands;

/// <summary><c>--policies DIR</c>: every <c>*.yaml</c>/<c>*.yml</c> file in DIR is one policy (docs/policies.md). Default: none.</summary>
internal static class PolicyOption
{
    public static Option<DirectoryInfo?> Create() => new("--policies")
    {
        Description = "Folder of governance policy files (*.yaml) to evaluate; violations of enforced policies block workspaces",
    };

    /// <summary>Reads and parses the folder's policies; a missing folder is a usage error, a malformed policy invalid input (exit 2).</summary>
    public static IReadOnlyList<Policy> Load(DirectoryInfo? folder)
    {
        if (folder is null)
        {
            return [];
        }

        if (!folder.Exists)
        {
            throw new UsageException($"policy folder not found: {folder}");
        }

        var files = folder.EnumerateFiles("*.yaml").Concat(folder.EnumerateFiles("*.yml"))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => (Display(f), Read(f)))
            .ToList();
        var parsed = PolicyParser.ParseAll(files);
        return parsed.Succeeded ? parsed.Value! : throw new InvalidInputException(parsed.Diagnostics);
    }

    private static string Read(FileInfo file)
        => file.Length > Core.Documents.InputLimits.MaxFileBytes ? throw new UsageException($"policy file too large: {file}") : File.ReadAllText(file.FullName);

    private static string Display(FileInfo file)
        => Path.GetRelativePath(Environment.CurrentDirectory, file.FullName) is var shown && !shown.StartsWith("..", StringComparison.Ordinal) ? shown : file.FullName;
}
