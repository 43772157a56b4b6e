using Reconciler.Core.Diagnostics;
using Reconciler.Core.Policies;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Desired;

/// <summary>The result of loading one repository at one commit.</summary>
public sealed record LoadedRepository(
    string Repository,
    string Commit,
    WorkspaceFileSpec? File,
    IReadOnlyList<DesiredWorkspace> Workspaces,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => File is null || Diagnostics.Any(d => d.IsError);

    public bool PruneVolumes => File?.PruneVolumes ?? false;

    /// <summary>Every policy violation found (all enforcement modes); the blocking ones are also on the workspaces.</summary>
    public IReadOnlyList<PolicyViolation> Violations { get; init; } = [];
}

/// <summary>
/// Loader settings. <see cref="DisplayRoot"/> prefixes file names in messages (e.g. the path the user typed).
/// <see cref="LocalEnv"/> must already be filtered to <see cref="LocalEnvAllowList"/> by the host.
/// </summary>
public sealed record LoaderOptions
{
    public CompilerOptions Compiler { get; init; } = CompilerOptions.Default;

    public IReadOnlyDictionary<string, string> LocalEnv { get; init; } = new Dictionary<string, string>();

    public IReadOnlySet<string> LocalEnvAllowList { get; init; } = new HashSet<string>();

    /// <summary>Governance policies evaluated after compiling (none by default). Parsed by the host with <see cref="PolicyParser"/>.</summary>
    public IReadOnlyList<Policy> Policies { get; init; } = [];

    public string WorkspaceFile { get; init; } = WorkspaceLoader.DefaultWorkspaceFile;

    /// <summary>Largest Dockerfile build context accepted, in bytes of file content (default 512 MiB); a larger one is an error.</summary>
    public long MaxBuildContextBytes { get; init; } = BuildContextCheck.DefaultMaxBytes;

    public string DisplayRoot { get; init; } = "";

    public string Display(string repositoryPath)
        => DisplayRoot.Length == 0 ? repositoryPath : DisplayRoot.TrimEnd('/') + "/" + repositoryPath;
}
