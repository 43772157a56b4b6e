using System.Formats.Tar;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;

namespace Reconciler.Runtime.Docker.Archives;

/// <summary>
/// The tar sent to the build API: the files under the context folder (paths relative to it) that
/// <c>.dockerignore</c> does not exclude. A Dockerfile outside the context travels as
/// <see cref="OutsideDockerfile"/>.
/// </summary>
internal static class BuildContextArchive
{
    public const string OutsideDockerfile = ".reconciler/Dockerfile";

    /// <summary>Fixed file time so identical contexts produce identical archives.</summary>
    private static readonly DateTimeOffset FixedTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the context into <paramref name="output"/> and returns the Dockerfile path to pass to the build API.</summary>
    public static async Task<string> WriteAsync(IRepositoryContent content, ResolvedBuild build, Stream output, CancellationToken cancellationToken)
    {
        var context = Normalize(build.ContextPath);
        var dockerfile = Normalize(build.DockerfilePath);
        var prefix = context.Length == 0 ? string.Empty : context + "/";
        var dockerfileInContext = dockerfile.StartsWith(prefix, StringComparison.Ordinal) && dockerfile.Length > prefix.Length;
        var dockerfileName = dockerfileInContext ? dockerfile[prefix.Length..] : OutsideDockerfile;

        var ignore = ReadIgnore(content, prefix + ".dockerignore");
        await using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entries = new TarEntries(writer, FixedTime);
            foreach (var entry in content.Enumerate(context))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!entry.Path.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var name = entry.Path[prefix.Length..];
                var alwaysSent = name == ".dockerignore" || name == dockerfileName;
                if (name == OutsideDockerfile && !dockerfileInContext)
                {
                    continue;
                }

                if (alwaysSent || !ignore.IsExcluded(name))
                {
                    await entries.AddAsync(content, entry, name, cancellationToken);
                }
            }

            if (!dockerfileInContext)
            {
                await using var stream = content.OpenRead(dockerfile);
                await entries.AddFileAsync(OutsideDockerfile, stream, cancellationToken);
            }
        }

        return dockerfileName;
    }

    private static DockerIgnore ReadIgnore(IRepositoryContent content, string path)
    {
        var file = content.ReadFile(path, 1024 * 1024);
        return file.Exists && file.Text is { } text ? DockerIgnore.Parse(text) : DockerIgnore.Empty;
    }

    private static string Normalize(string path)
    {
        var clean = DockerIgnore.CleanPath(path.Replace('\\', '/')).TrimStart('/');
        return clean == "." ? string.Empty : clean;
    }
}
