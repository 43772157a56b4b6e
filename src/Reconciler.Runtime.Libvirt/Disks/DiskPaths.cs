using Reconciler.Runtime.Libvirt.Native;

namespace Reconciler.Runtime.Libvirt.Disks;

/// <summary>
/// Where a workspace's files live on the libvirt host: <c>&lt;storage&gt;/&lt;domain name&gt;.qcow2</c> (the
/// overlay, the developer's data) and <c>&lt;storage&gt;/&lt;domain name&gt;-seed.iso</c>; base images are files
/// directly in the image directory, named by the devcontainer <c>image</c> field.
/// </summary>
internal sealed class DiskPaths(string imageDirectory, string storageDirectory)
{
    public string Overlay(string domainName) => Path.Combine(storageDirectory, domainName + ".qcow2");

    public string Seed(string domainName) => Path.Combine(storageDirectory, domainName + "-seed.iso");

    public string SeedStaging(string domainName) => Path.Combine(storageDirectory, domainName + "-seed.d");

    /// <summary>The base image file; the name must be a plain file name (no directory part) that exists.</summary>
    public string BaseImage(string image)
    {
        CheckImageName(image);
        var path = Path.Combine(imageDirectory, image);
        return File.Exists(path)
            ? path
            : throw new StepFailedException("BaseImageNotFound", $"VM base image '{image}' is not in the image directory {imageDirectory}");
    }

    /// <summary>A base image is named by a plain file name: no directory part, nothing that leaves the image directory.</summary>
    public void CheckImageName(string image)
    {
        if (image.Length == 0 || image.Contains('/') || image.Contains('\\') || image is "." or ".." || image.StartsWith('.'))
        {
            throw new StepFailedException("BaseImageInvalid", $"VM image '{image}' must be a file name in the image directory {imageDirectory}");
        }
    }
}
