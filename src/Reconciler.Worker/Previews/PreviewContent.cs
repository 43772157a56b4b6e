using Reconciler.Core.Ports;

namespace Reconciler.Worker.Previews;

/// <summary>
/// A pull request head seen under its preview scope (<see cref="PreviewNames.Scope"/>) as its identity, so the
/// compiler keys everything it derives from the identity (container and volume names, labels) to the preview,
/// never to the repository's own workspaces. Reads go to the head commit.
/// </summary>
internal sealed class PreviewContent(IRepositoryContent head, string scope) : IRepositoryContent
{
    public string Identity { get; } = scope;

    public string Commit => head.Commit;

    public string? LocalPath => head.LocalPath;

    public RepositoryFile ReadFile(string path, int maxBytes) => head.ReadFile(path, maxBytes);

    public IEnumerable<RepositoryEntry> Enumerate(string directory) => head.Enumerate(directory);

    public Stream OpenRead(string path) => head.OpenRead(path);
}
