using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Docker.Naming;

/// <summary>Names of the Docker objects of one workspace: the runtime-neutral <see cref="WorkspaceNames"/>.</summary>
internal static class DockerNames
{
    /// <summary><c>rc-&lt;repo slug&gt;-&lt;workspace slug&gt;-&lt;8 hex&gt;</c>, short enough for every volume suffix.</summary>
    public static string Container(WorkspaceKey key) => WorkspaceNames.Base(key);

    /// <summary>The volume that holds the workspace folder.</summary>
    public static string WorkspaceVolume(WorkspaceKey key) => WorkspaceNames.WorkspaceVolume(key);

    /// <summary>
    /// The name a container has while it is being created (seed, start, lifecycle commands). It is renamed to
    /// <see cref="Container"/> only when the create path has finished, so a worker killed half-way leaves a name
    /// that says so. '.' never appears in <see cref="WorkspaceNames"/> slugs, so no workspace can own this name.
    /// </summary>
    public static string CreatingContainer(WorkspaceKey key) => WorkspaceNames.Base(key) + CreatingSuffix;

    public const string CreatingSuffix = ".creating";

    /// <summary>
    /// An empty volume whose existence records that <see cref="WorkspaceVolume"/> was seeded completely
    /// (volume labels cannot change after creation, so the fact needs an object of its own).
    /// </summary>
    public static string SeedMarkerVolume(WorkspaceKey key) => WorkspaceNames.WorkspaceVolume(key) + ".seeded";

    /// <summary>An empty volume whose existence records that the s3 volume <paramref name="volume"/> was filled completely.</summary>
    public static string S3FillMarkerVolume(string volume) => volume + ".filled";

    public static string RepositoryHash(string repository) => WorkspaceNames.RepositoryHash(repository);

    internal static string Slug(string text) => WorkspaceNames.Slug(text);
}
