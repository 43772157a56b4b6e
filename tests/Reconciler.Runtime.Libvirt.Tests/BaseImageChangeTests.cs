using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Libvirt.Tests.Support;

namespace Reconciler.Runtime.Libvirt.Tests;

/// <summary>A new base image cannot reuse the old overlay: replacing the disk needs the caller's explicit consent.</summary>
public sealed class BaseImageChangeTests : IDisposable
{
    private readonly LibvirtTestContext _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task A_changed_base_image_fails_without_consent_and_changes_nothing_then_replaces_the_disk_with_it()
    {
        await _t.ConvergeAsync(_t.Desired());
        var before = await _t.ObserveOneAsync();
        var writes = _t.Runtime.MutatingCalls;
        _t.MakeBaseImage("other.qcow2");
        var changed = _t.Desired(image: "other.qcow2");

        var refused = await _t.ApplyAsync(PlanActionKind.Recreate, changed, before);

        Assert.Equal(ApplyOutcome.Failed, refused.Outcome);
        Assert.Equal("DiskReplacementNotConfirmed", refused.Reason);
        Assert.Contains("would be replaced", refused.Message, StringComparison.Ordinal);
        Assert.Equal(writes, _t.Runtime.MutatingCalls);
        var still = await _t.ObserveOneAsync();
        Assert.Equal(before.Id, still.Id);
        Assert.Equal(ObservedState.Running, still.State);
        Assert.EndsWith(LibvirtTestContext.BaseImage, LibvirtTestContext.BackingFile(_t.Overlay()), StringComparison.Ordinal);

        var confirmed = await _t.ApplyAsync(PlanActionKind.Recreate, changed, before, prune: true);

        Assert.True(confirmed.Outcome == ApplyOutcome.Succeeded, confirmed.Message);
        Assert.EndsWith("other.qcow2", LibvirtTestContext.BackingFile(_t.Overlay()), StringComparison.Ordinal);
        Assert.Equal(changed.SpecHash, (await _t.ObserveOneAsync()).SpecHash);
    }

    [Fact]
    public async Task A_kept_overlay_over_another_base_is_never_reused_silently_by_a_create()
    {
        await _t.ConvergeAsync(_t.Desired());
        Assert.True((await _t.ApplyAsync(PlanActionKind.Remove, null, await _t.ObserveOneAsync())).Outcome == ApplyOutcome.Succeeded);
        _t.MakeBaseImage("other.qcow2");

        var refused = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired(image: "other.qcow2"));

        Assert.Equal("DiskReplacementNotConfirmed", refused.Reason);
        Assert.Contains("prune.volumes: true", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await _t.ObserveAsync());
        Assert.EndsWith(LibvirtTestContext.BaseImage, LibvirtTestContext.BackingFile(_t.Overlay()), StringComparison.Ordinal);

        var confirmed = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired(image: "other.qcow2"), prune: true);

        Assert.True(confirmed.Outcome == ApplyOutcome.Succeeded, confirmed.Message);
        Assert.EndsWith("other.qcow2", LibvirtTestContext.BackingFile(_t.Overlay()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_base_image_fails_with_a_clear_reason_and_defines_nothing()
    {
        var result = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired(image: "absent.qcow2"));

        Assert.Equal(ApplyOutcome.Failed, result.Outcome);
        Assert.Equal("BaseImageNotFound", result.Reason);
        Assert.Contains(_t.Images.Path, result.Message, StringComparison.Ordinal);
        Assert.Empty(await _t.ObserveAsync());
        Assert.Equal(0, _t.Runtime.MutatingCalls);
    }
}
