using Reconciler.Core.Documents;

namespace Reconciler.Core.Workspaces;

/// <summary>
/// The whole <c>.daytona/workspace.yaml</c>. <see cref="PruneVolumes"/> (<c>prune: { volumes: true }</c>)
/// lets a repository ask that removing a workspace from the file also deletes its volumes.
/// <see cref="Document"/> keeps the parsed tree and its source map (for policies and locations).
/// </summary>
public sealed record WorkspaceFileSpec(
    int Version,
    IReadOnlyList<WorkspaceSpec> Workspaces,
    bool PruneVolumes,
    LocatedDocument Document);
