using System.Globalization;
using Reconciler.Core.Desired;

namespace Reconciler.Runtime.Libvirt.Disks;

/// <summary>
/// Makes a workspace's files with host tools: the qcow2 overlay over the base image (never overwritten once it
/// exists: it holds the developer's data) and the NoCloud seed ISO (rebuilt on every create; it is derived).
/// Each file is written under a temporary name and renamed, so a kill half-way leaves no half file behind a real name.
/// </summary>
internal sealed class DiskBuilder(string qemuImg, string genisoimage)
{
    /// <summary>Creates the overlay if it does not exist; returns true when it created one.</summary>
    public async Task<bool> EnsureOverlayAsync(string overlay, string baseImage, long? sizeBytes, CancellationToken cancellationToken)
    {
        if (File.Exists(overlay))
        {
            return false;
        }

        var partial = overlay + ".partial";
        File.Delete(partial);
        var arguments = new List<string> { "create", "-q", "-f", "qcow2", "-b", baseImage, "-F", "qcow2", partial };
        if (sizeBytes is { } size)
        {
            arguments.Add(size.ToString(CultureInfo.InvariantCulture));
        }

        await ProcessRunner.RunAsync(qemuImg, arguments, cancellationToken);
        File.Move(partial, overlay);
        return true;
    }

    /// <summary>The backing file an existing overlay was made over, read from its qcow2 header (<c>qemu-img info</c>; reads only).</summary>
    public async Task<string?> BackingFileAsync(string overlay, CancellationToken cancellationToken)
    {
        var json = await ProcessRunner.RunAsync(qemuImg, ["info", "--output=json", "-U", overlay], cancellationToken);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("backing-filename", out var backing) ? backing.GetString() : null;
    }

    public async Task BuildSeedAsync(DiskPaths paths, string domainName, DesiredWorkspace desired, IReadOnlyList<string> sshKeys, string? rdpPassword, CancellationToken cancellationToken)
    {
        var staging = paths.SeedStaging(domainName);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        try
        {
            var hostname = WorkspaceNames.Slug(desired.Key.Workspace);
            await File.WriteAllTextAsync(Path.Combine(staging, "meta-data"), CloudInitSeed.MetaData(domainName + "-" + desired.SpecHash, hostname), cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(staging, "user-data"), CloudInitSeed.UserData(desired, hostname, sshKeys, rdpPassword), cancellationToken);
            var seed = paths.Seed(domainName);
            var partial = seed + ".partial";
            await ProcessRunner.RunAsync(
                genisoimage,
                ["-quiet", "-output", partial, "-volid", "cidata", "-joliet", "-rock", Path.Combine(staging, "user-data"), Path.Combine(staging, "meta-data")],
                cancellationToken);
            File.Move(partial, seed, overwrite: true);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }
}
