using Reconciler.Core.Desired;

namespace Reconciler.Worker.Previews;

/// <summary>
/// Ownership of preview workspaces: their repository label is <c>&lt;repository&gt;#pr-&lt;n&gt;</c>, one scope per pull
/// request, so the repository's own pass (which observes its exact identity) never sees or removes them, a preview
/// pass never touches the repository's workspaces, and one pull request's previews never touch another's.
/// </summary>
internal static class PreviewNames
{
    public static string Scope(string repository, int number) => $"{repository}#pr-{number}";

    public static WorkspaceKey Key(string repository, int number, string workspace) => new(Scope(repository, number), $"{workspace}-pr-{number}");
}
