namespace Reconciler.Runtime.Libvirt.Images;

/// <summary>
/// A base image the worker downloads into the image directory on first use (worker config
/// <c>runtimes.libvirt.&lt;host&gt;.images</c>): <see cref="Name"/> is the file name a workspace's devcontainer
/// <c>image</c> names, <see cref="Sha256"/> the lower-case hex digest the file must have.
/// </summary>
public sealed record BaseImageSource(string Name, Uri Url, string Sha256);
