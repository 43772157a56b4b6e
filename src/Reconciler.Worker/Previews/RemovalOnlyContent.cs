using Reconciler.Core.Ports;

namespace Reconciler.Worker.Previews;

/// <summary>Repository content for a pass that only removes (a closed pull request, an expired preview): removals read no files.</summary>
internal sealed class RemovalOnlyContent(string identity) : IRepositoryContent
{
    public string Identity { get; } = identity;

    public string Commit => "";

    public string? LocalPath => null;

    public RepositoryFile ReadFile(string path, int maxBytes) => throw Unexpected();

    public IEnumerable<RepositoryEntry> Enumerate(string directory) => throw Unexpected();

    public Stream OpenRead(string path) => throw Unexpected();

    private static InvalidOperationException Unexpected() => new("a removal-only pass reads no repository files");
}
