using System.Formats.Tar;
using Reconciler.Core.Ports;

namespace Reconciler.Runtime.Docker.Archives;

/// <summary>Writes repository entries into a tar: regular files with their executable bit, symlinks as links.</summary>
internal sealed class TarEntries(TarWriter writer, DateTimeOffset modified, int uid = 0, int gid = 0)
{
    private const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101;
    private const UnixFileMode FileMode = (UnixFileMode)0b110_100_100;

    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    /// <summary>Writes <paramref name="entry"/> (read from <paramref name="content"/>) under <paramref name="name"/>, adding missing parent folders first.</summary>
    public async Task AddAsync(IRepositoryContent content, RepositoryEntry entry, string name, CancellationToken cancellationToken)
    {
        await AddParentsAsync(name, cancellationToken);
        if (entry.LinkTarget is { } target)
        {
            await WriteAsync(new PaxTarEntry(TarEntryType.SymbolicLink, name) { LinkName = target }, cancellationToken);
            return;
        }

        await using var stream = content.OpenRead(entry.Path);
        var file = new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = entry.Executable ? ExecutableMode : FileMode,
            DataStream = stream,
        };
        await WriteAsync(file, cancellationToken);
    }

    public async Task AddFileAsync(string name, Stream data, CancellationToken cancellationToken)
    {
        await AddParentsAsync(name, cancellationToken);
        await WriteAsync(new PaxTarEntry(TarEntryType.RegularFile, name) { Mode = FileMode, DataStream = data }, cancellationToken);
    }

    public async Task AddDirectoryAsync(string name, CancellationToken cancellationToken)
    {
        if (_directories.Add(name))
        {
            await WriteAsync(new PaxTarEntry(TarEntryType.Directory, name + "/") { Mode = DirectoryMode }, cancellationToken);
        }
    }

    private async Task AddParentsAsync(string name, CancellationToken cancellationToken)
    {
        for (var slash = name.IndexOf('/'); slash > 0; slash = name.IndexOf('/', slash + 1))
        {
            await AddDirectoryAsync(name[..slash], cancellationToken);
        }
    }

    private async Task WriteAsync(PaxTarEntry entry, CancellationToken cancellationToken)
    {
        entry.Uid = uid;
        entry.Gid = gid;
        entry.ModificationTime = modified;
        await writer.WriteEntryAsync(entry, cancellationToken);
        Count++;
    }
}
