using Reconciler.Core.Desired;
using Reconciler.Core.Policies;
using Reconciler.Core.Ports;
using Reconciler.TestKit;

namespace Reconciler.Core.Tests.Policies;

/// <summary>Loads a repository held in memory through the real loader with policies, and the shipped default policies.</summary>
internal static class PolicyHarness
{
    public const string Compliant = """
        {
          "image": "mcr.microsoft.com/devcontainers/base:ubuntu",
          "remoteUser": "vscode"
        }
        """;

    public const string OneWorkspace = """
        version: 1
        workspaces:
          - name: dev
        """;

    private static readonly Lazy<IReadOnlyList<Policy>> Defaults = new(() =>
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, "policies");
        var parsed = PolicyParser.ParseAll(Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => ("policies/" + Path.GetFileName(f), File.ReadAllText(f))));
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        return parsed.Value!;
    });

    public static IReadOnlyList<Policy> DefaultSet => Defaults.Value;

    public static Policy Default(string name) => DefaultSet.Single(p => p.Name == name);

    public static Policy Parse(string yaml)
    {
        var parsed = PolicyParser.Parse(yaml, "policy.yaml");
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        return parsed.Value!;
    }

    public static LoadedRepository Load(IReadOnlyList<Policy> policies, string workspaceYaml, params (string Path, string Text)[] files)
    {
        var content = new MemoryRepository(new Dictionary<string, string>(files.Select(f => KeyValuePair.Create(f.Path, f.Text)))
        {
            [".daytona/workspace.yaml"] = workspaceYaml,
        });
        var loaded = WorkspaceLoader.Load(content, new LoaderOptions { Policies = policies });
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        return loaded;
    }

    /// <summary>Violations of one default policy for one workspace named dev with this devcontainer.json.</summary>
    public static IReadOnlyList<PolicyViolation> Check(string policy, string devcontainer, string workspaceYaml = OneWorkspace)
        => Load([Default(policy)], workspaceYaml, (".devcontainer/devcontainer.json", devcontainer)).Violations;

    public static void AssertOne(IReadOnlyList<PolicyViolation> violations, string file, int line, int column, string pointer)
    {
        var violation = Assert.Single(violations);
        Assert.Equal((file, line, column, pointer), (violation.Location.File, violation.Location.Line, violation.Location.Column, violation.Pointer));
        Assert.DoesNotMatch(@"\{(workspace|value|pointer|team|owner|repository|policy|detail)\}", violation.Message);
    }
}

/// <summary>A repository in memory: path → text; identity example.test/policies, local path /src/repo.</summary>
internal sealed class MemoryRepository(IReadOnlyDictionary<string, string> files) : IRepositoryContent
{
    public string Identity => "example.test/policies";

    public string Commit => "0000000000000000000000000000000000000001";

    public string? LocalPath => "/src/repo";

    public RepositoryFile ReadFile(string path, int maxBytes)
        => files.TryGetValue(path, out var text) ? new RepositoryFile(path, RepositoryFileStatus.Ok, text, text.Length) : new RepositoryFile(path, RepositoryFileStatus.NotFound);

    public IEnumerable<RepositoryEntry> Enumerate(string directory)
        => files.Keys.Where(k => directory.Length == 0 || k.StartsWith(directory + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(k => new RepositoryEntry(k, files[k].Length, false));

    public Stream OpenRead(string path) => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(files[path]));
}
