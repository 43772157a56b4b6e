using System.Formats.Tar;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Reconciler.Runtime.Docker.Volumes;

/// <summary>
/// Resolves a user spec (<c>name</c>, <c>uid</c>, <c>name:group</c>, <c>uid:gid</c>) to numeric ids with the
/// container's own <c>/etc/passwd</c> and <c>/etc/group</c>, read (not changed) from a created container.
/// Unknown names fall back to root.
/// </summary>
internal sealed class ContainerUserIds(IDockerClient client)
{
    public async Task<(int Uid, int Gid)> ResolveAsync(string containerId, string? user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(user))
        {
            return (0, 0);
        }

        var parts = user.Split(':', 2);
        var passwd = await ReadEntriesAsync(containerId, "/etc/passwd", cancellationToken);
        int uid = 0, gid = 0;
        if (int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var numericUid))
        {
            uid = numericUid;
            var byUid = passwd.FirstOrDefault(p => p.Length > 3 && p[2] == parts[0]);
            gid = byUid is not null ? ParseId(byUid[3]) : numericUid;
        }
        else if (passwd.FirstOrDefault(p => p.Length > 3 && p[0] == parts[0]) is { } entry)
        {
            uid = ParseId(entry[2]);
            gid = ParseId(entry[3]);
        }

        if (parts.Length == 2)
        {
            if (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var numericGid))
            {
                gid = numericGid;
            }
            else
            {
                var groups = await ReadEntriesAsync(containerId, "/etc/group", cancellationToken);
                gid = groups.FirstOrDefault(g => g.Length > 2 && g[0] == parts[1]) is { } group ? ParseId(group[2]) : gid;
            }
        }

        return (uid, gid);
    }

    private async Task<List<string[]>> ReadEntriesAsync(string containerId, string path, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.Containers.GetArchiveFromContainerAsync(
                containerId, new GetArchiveFromContainerParameters { Path = path }, statOnly: false, cancellationToken);
            await using var stream = response.Stream;
            await using var reader = new TarReader(stream);
            var entry = await reader.GetNextEntryAsync(copyData: true, cancellationToken);
            if (entry?.DataStream is null)
            {
                return [];
            }

            using var text = new StreamReader(entry.DataStream);
            var content = await text.ReadToEndAsync(cancellationToken);
            return [.. content.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(':'))];
        }
        catch (DockerApiException)
        {
            return [];
        }
    }

    private static int ParseId(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
}
