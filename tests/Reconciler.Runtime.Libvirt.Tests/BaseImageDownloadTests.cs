using Reconciler.TestKit;
using System.Security.Cryptography;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Libvirt.Images;
using Reconciler.Runtime.Libvirt.Tests.Support;

namespace Reconciler.Runtime.Libvirt.Tests;

/// <summary>
/// Base images listed with a URL and sha256 are downloaded into the image directory once, from a real HTTP server on
/// 127.0.0.1 serving a qcow2 the test builds with qemu-img; a wrong checksum, an unreachable server or an image over
/// the size cap fails the create with a clear reason and leaves no file (whole or half) in the image directory.
/// </summary>
public sealed class BaseImageDownloadTests : IDisposable
{
    private const string Listed = "listed.qcow2";
    private readonly LibvirtTestContext _t = new();
    private readonly ImageServer _server = new();
    private readonly byte[] _image;

    public BaseImageDownloadTests()
    {
        var built = Path.Combine(_t.Storage.Path, "built.qcow2");
        VirshToolImage(built);
        _image = File.ReadAllBytes(built);
        File.Delete(built);
    }

    public void Dispose()
    {
        _server.Dispose();
        _t.Dispose();
    }

    [Fact]
    public async Task A_listed_image_is_downloaded_once_verified_and_a_vm_boots_from_it()
    {
        _t.Options.Images = [new BaseImageSource(Listed, _server.Serve("img/listed.qcow2", _image), Sha256(_image))];

        await _t.ConvergeAsync(_t.Desired("one", image: Listed));
        await _t.ConvergeAsync(_t.Desired("one", image: Listed), _t.Desired("two", image: Listed));

        Assert.Equal(1, _server.Gets("img/listed.qcow2"));
        Assert.Equal(_image, await File.ReadAllBytesAsync(Path.Combine(_t.Images.Path, Listed)));
        Assert.All(await _t.ObserveAsync(), o => Assert.Equal(ObservedState.Running, o.State));
        Assert.Equal(Path.Combine(_t.Images.Path, Listed), LibvirtTestContext.BackingFile(_t.Overlay("two")));
        Assert.Equal([LibvirtTestContext.BaseImage, Listed], Directory.GetFiles(_t.Images.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains(_t.Logs.Lines, l => l.Contains($"Downloaded base image {Listed}: {_image.Length} bytes", StringComparison.Ordinal));

        // A new runtime (a worker restart) finds the file present and valid: no second download.
        using var restarted = new LibvirtWorkspaceRuntime(_t.Options, _t.Logs.CreateLogger<LibvirtWorkspaceRuntime>());
        var result = await restarted.ApplyAsync(Create("three"), Context(), CancellationToken.None);
        Assert.Equal(ApplyOutcome.Succeeded, result.Outcome);
        Assert.Equal(1, _server.Gets("img/listed.qcow2"));
    }

    [Fact]
    public async Task A_wrong_checksum_fails_the_create_and_keeps_no_file()
    {
        _t.Options.Images = [new BaseImageSource(Listed, _server.Serve("img/listed.qcow2", _image), new string('0', 64))];

        var result = await _t.Runtime.ApplyAsync(Create("one"), Context(), CancellationToken.None);

        Assert.Equal((ApplyOutcome.Failed, "BaseImageDownloadFailed"), (result.Outcome, result.Reason));
        Assert.Contains($"has sha256 {Sha256(_image)}, not the listed {new string('0', 64)}", result.Message, StringComparison.Ordinal);
        AssertOnlyTheBlankImage();
        Assert.Empty(await _t.ObserveAsync());
    }

    [Fact]
    public async Task An_unreachable_server_a_missing_file_and_an_oversized_image_each_fail_clearly_and_keep_no_file()
    {
        _t.Options.Images = [new BaseImageSource(Listed, new Uri($"http://127.0.0.1:{ImageServer.FreePort()}/listed.qcow2"), Sha256(_image))];
        var unreachable = await _t.Runtime.ApplyAsync(Create("one"), Context(), CancellationToken.None);
        _t.Options.Images = [new BaseImageSource(Listed, new Uri($"http://127.0.0.1:{_server.Port}/nothing.qcow2"), Sha256(_image))];
        var missing = await _t.Runtime.ApplyAsync(Create("one"), Context(), CancellationToken.None);
        _t.Options.Images = [new BaseImageSource(Listed, _server.Serve("img/listed.qcow2", _image), Sha256(_image))];
        _t.Options.MaxImageBytes = _image.Length - 1;
        var oversized = await _t.Runtime.ApplyAsync(Create("one"), Context(), CancellationToken.None);

        Assert.Equal("BaseImageDownloadFailed", unreachable.Reason);
        Assert.Contains("is unreachable", unreachable.Message, StringComparison.Ordinal);
        Assert.Equal("BaseImageDownloadFailed", missing.Reason);
        Assert.Contains("answered 404", missing.Message, StringComparison.Ordinal);
        Assert.Equal("BaseImageDownloadFailed", oversized.Reason);
        Assert.Contains($"over the limit of {_image.Length - 1} bytes", oversized.Message, StringComparison.Ordinal);
        AssertOnlyTheBlankImage();
    }

    [Fact]
    public async Task A_present_file_with_another_checksum_is_never_replaced()
    {
        var path = Path.Combine(_t.Images.Path, Listed);
        await File.WriteAllTextAsync(path, "the operator's own file");
        _t.Options.Images = [new BaseImageSource(Listed, _server.Serve("img/listed.qcow2", _image), Sha256(_image))];

        var result = await _t.Runtime.ApplyAsync(Create("one"), Context(), CancellationToken.None);

        Assert.Equal("BaseImageChecksumMismatch", result.Reason);
        Assert.Equal("the operator's own file", await File.ReadAllTextAsync(path));
        Assert.Equal(0, _server.Gets("img/listed.qcow2"));
    }

    private PlanAction Create(string workspace)
    {
        var desired = _t.Desired(workspace, image: Listed);
        return new PlanAction(PlanActionKind.Create, desired.Key, desired, null, []);
    }

    private ApplyContext Context() => new(new Source.FileSystem.LocalCheckoutContent(_t.Checkout.Path, _t.Repository), false);

    private void AssertOnlyTheBlankImage()
        => Assert.Equal([LibvirtTestContext.BaseImage], Directory.GetFiles(_t.Images.Path).Select(Path.GetFileName));

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static void VirshToolImage(string path)
    {
        var (code, output) = VirshTool.RunTool("qemu-img", ["create", "-q", "-f", "qcow2", path, "16M"]);
        Assert.True(code == 0, output);
    }
}
