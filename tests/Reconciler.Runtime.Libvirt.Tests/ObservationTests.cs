using Reconciler.TestKit;
using Reconciler.Core.Planning;
using Reconciler.Runtime.Libvirt.Tests.Support;

namespace Reconciler.Runtime.Libvirt.Tests;

/// <summary>Observation: one list call per pass; a definition's metadata is read once; foreign domains are invisible and untouched.</summary>
public sealed class ObservationTests : IDisposable
{
    private readonly LibvirtTestContext _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task Metadata_is_read_once_per_definition_and_a_steady_pass_reads_none()
    {
        await _t.ConvergeAsync(_t.Desired("a"), _t.Desired("b"));
        using var fresh = new LibvirtWorkspaceRuntime(_t.Options, Microsoft.Extensions.Logging.Abstractions.NullLogger<LibvirtWorkspaceRuntime>.Instance);

        var first = await fresh.ObserveAsync(_t.Repository, CancellationToken.None);
        var afterFirst = fresh.MetadataReads;
        var second = await fresh.ObserveAsync(_t.Repository, CancellationToken.None);

        Assert.Equal(["a", "b"], first.Select(o => o.Key.Workspace));
        Assert.Equal(first, second);
        Assert.Equal(2, afterFirst);
        Assert.Equal(afterFirst, fresh.MetadataReads);
    }

    [Fact]
    public async Task A_domain_without_our_metadata_is_never_observed_or_touched()
    {
        var foreign = _t.DomainName("foreign");
        var xml = Path.Combine(_t.Storage.Path, "foreign.xml");
        await File.WriteAllTextAsync(xml, $"<domain type='kvm'><name>{foreign}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>");
        VirshTool.Run("define", xml);

        Assert.Empty(await _t.ObserveAsync());
        var result = await _t.ApplyAsync(PlanActionKind.Create, _t.Desired("foreign"));

        Assert.Equal(Core.Ports.ApplyOutcome.Failed, result.Outcome);
        Assert.Contains("already exists", result.Message, StringComparison.Ordinal);
        Assert.Contains(foreign, VirshTool.AllNames());
        Assert.DoesNotContain("reconciler", VirshTool.Run("dumpxml", foreign), StringComparison.Ordinal);
    }
}
