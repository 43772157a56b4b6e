using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Docker.Naming;

/// <summary>Names of the Docker objects of one workspace: the runtime-neutral <see cref="WorkspaceNames"/>.</summary>
internal static class DockerNames
{
    /// <summary><c>rc-&lt;repo slug&gt;-&lt;workspace slug&gt;-&lt;8 hex&gt;</c>, short enough for every volume suffix.</summary>
    public static string Container(WorkspaceKey key) => WorkspaceNames.Base(key);

    /// <summary>The volume that holds the workspace folder.</summary>
    public static string WorkspaceVolume(WorkspaceKey key) => WorkspaceNames.WorkspaceVolume(key);

    public static string RepositoryHash(string repository) => WorkspaceNames.RepositoryHash(repository);

    internal static string Slug(string text) => WorkspaceNames.Slug(text);
}
