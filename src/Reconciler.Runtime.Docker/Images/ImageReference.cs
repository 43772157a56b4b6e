namespace Reconciler.Runtime.Docker.Images;

/// <summary>Splits an image reference into the name and tag the create-image (pull) API expects.</summary>
internal static class ImageReference
{
    /// <summary>A reference with no tag and no digest means <c>latest</c>, as with <c>docker pull</c> (the API alone would pull every tag).</summary>
    public static (string Name, string Tag) ForPull(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return (image, string.Empty);
        }

        var colon = image.LastIndexOf(':');
        var slash = image.LastIndexOf('/');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }
}
