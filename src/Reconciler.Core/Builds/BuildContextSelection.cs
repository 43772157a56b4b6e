using Reconciler.Core.Desired;
using Reconciler.Core.Ports;

namespace Reconciler.Core.Builds;

/// <summary>One file of a build context: the repository entry and its name inside the context.</summary>
public sealed record BuildContextFile(RepositoryEntry Entry, string Name);

/// <summary>
/// What a Dockerfile build sends: the files under the context folder that <c>.dockerignore</c> does not exclude (the
/// <c>.dockerignore</c> and a Dockerfile inside the context always travel), and the Dockerfile name the build API gets.
/// A Dockerfile outside the context travels as <see cref="BuildContextSelection.OutsideDockerfile"/>.
/// </summary>
public sealed record BuildContextContents(
    IReadOnlyList<BuildContextFile> Files, string DockerfilePath, string DockerfileName, bool DockerfileInContext, long TotalBytes);

/// <summary>
/// Selects the build context from the repository content at the commit (never a checkout): the same selection feeds
/// the context hash (<see cref="BuildContextHasher"/>) and the tar the runtime sends, so what is hashed is what is built.
/// </summary>
public static class BuildContextSelection
{
    public const string OutsideDockerfile = ".reconciler/Dockerfile";

    public static BuildContextContents Select(IRepositoryContent content, ResolvedBuild build)
    {
        var context = Normalize(build.ContextPath);
        var dockerfile = Normalize(build.DockerfilePath);
        var prefix = context.Length == 0 ? string.Empty : context + "/";
        var inContext = dockerfile.StartsWith(prefix, StringComparison.Ordinal) && dockerfile.Length > prefix.Length;
        var dockerfileName = inContext ? dockerfile[prefix.Length..] : OutsideDockerfile;

        var ignoreFile = content.ReadFile(prefix + ".dockerignore", 1024 * 1024);
        var ignore = ignoreFile.Exists && ignoreFile.Text is { } text ? DockerIgnore.Parse(text) : DockerIgnore.Empty;
        var files = new List<BuildContextFile>();
        long total = 0;
        foreach (var entry in content.Enumerate(context))
        {
            if (!entry.Path.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = entry.Path[prefix.Length..];
            if (name == OutsideDockerfile && !inContext)
            {
                continue;
            }

            if (name == ".dockerignore" || name == dockerfileName || !ignore.IsExcluded(name))
            {
                files.Add(new BuildContextFile(entry, name));
                total += entry.Size;
            }
        }

        return new BuildContextContents(files, dockerfile, dockerfileName, inContext, total);
    }

    private static string Normalize(string path)
    {
        var clean = DockerIgnore.CleanPath(path.Replace('\\', '/')).TrimStart('/');
        return clean == "." ? string.Empty : clean;
    }
}
