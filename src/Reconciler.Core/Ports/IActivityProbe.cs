using Reconciler.Core.Planning;

namespace Reconciler.Core.Ports;

/// <summary>
/// Looks at running workspaces on a runtime and says which are in use right now (docs/lifecycle.md, "What counts as
/// activity"). Asked only for workspaces that have an idle timeout. A probe that cannot tell reports nothing for a
/// workspace (not active): idleness then counts from the last recorded activity.
/// </summary>
public interface IActivityProbe
{
    /// <returns>By observation id: why the workspace counts as active; absent when it is idle.</returns>
    Task<IReadOnlyDictionary<string, string>> ProbeAsync(IReadOnlyList<WorkspaceObservation> running, CancellationToken cancellationToken);
}
