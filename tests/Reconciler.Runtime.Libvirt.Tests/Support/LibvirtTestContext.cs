using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Core.Workspaces;
using Reconciler.Source.FileSystem;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Libvirt.Tests.Support;

/// <summary>
/// One isolated test world on the real libvirt daemon: a unique repository identity, an image directory holding a
/// tiny blank qcow2 base image the test builds itself (no OS: the KVM guest runs in the firmware, which is enough to
/// be "running"), a storage directory, a runtime with a short shutdown timeout, and a log that keeps every line.
/// Every domain of the repository and both directories are removed on dispose.
/// </summary>
public sealed class LibvirtTestContext : IDisposable
{
    public const string BaseImage = DesiredVms.BaseImage;
    public const long Memory = DesiredVms.Memory;

    public LibvirtTestContext()
    {
        EnsureLibvirt();
        Repository = $"test/{Guid.NewGuid():N}";
        MakeBaseImage(BaseImage);
        Options = new LibvirtRuntimeOptions
        {
            ImageDirectory = Images.Path,
            StorageDirectory = Storage.Path,
            ShutdownTimeout = TimeSpan.FromSeconds(1),
        };
        Runtime = new LibvirtWorkspaceRuntime(Options, Logs.CreateLogger<LibvirtWorkspaceRuntime>());
    }

    public string Repository { get; }

    public TempDirectory Images { get; } = new("rc-vm-images");

    public TempDirectory Storage { get; } = new("rc-vm-storage");

    public TempDirectory Checkout { get; } = new("rc-vm-repo");

    public CollectingLoggerProvider Logs { get; } = new();

    public LibvirtRuntimeOptions Options { get; }

    public LibvirtWorkspaceRuntime Runtime { get; }

    public string DomainName(string workspace = "main") => WorkspaceNames.Base(new WorkspaceKey(Repository, workspace));

    public string Overlay(string workspace = "main") => Path.Combine(Storage.Path, DomainName(workspace) + ".qcow2");

    public DesiredWorkspace Desired(string workspace = "main", long memory = Memory, string image = BaseImage, WorkspaceType type = WorkspaceType.Ide)
        => DesiredVms.For(Repository, workspace, memory, image, type);

    public Task<ApplyResult> ApplyAsync(PlanActionKind kind, DesiredWorkspace? desired, WorkspaceObservation? observed = null, bool prune = false)
        => Runtime.ApplyAsync(new PlanAction(kind, desired?.Key ?? observed!.Key, desired, observed, []), new ApplyContext(new LocalCheckoutContent(Checkout.Path, Repository), prune), CancellationToken.None);

    public async Task<IReadOnlyList<WorkspaceObservation>> ObserveAsync() => await Runtime.ObserveAsync(Repository, CancellationToken.None);

    public async Task<WorkspaceObservation> ObserveOneAsync(string workspace = "main")
        => Assert.Single(await ObserveAsync(), o => o.Key.Workspace == workspace);

    /// <summary>Runs the real planner over the desired workspaces and what the runtime observes, and applies the plan.</summary>
    public async Task<Plan> ConvergeAsync(params DesiredWorkspace[] desired)
    {
        var plan = Planner.Plan(desired, await ObserveAsync());
        foreach (var action in plan.Actions)
        {
            var result = await Runtime.ApplyAsync(action, new ApplyContext(new LocalCheckoutContent(Checkout.Path, Repository), false), CancellationToken.None);
            Assert.True(result.Outcome == ApplyOutcome.Succeeded, $"{action.Kind}: {result.Reason}: {result.Message}");
        }

        return plan;
    }

    public void MakeBaseImage(string name)
    {
        var (code, output) = VirshTool.RunTool("qemu-img", ["create", "-q", "-f", "qcow2", Path.Combine(Images.Path, name), "16M"]);
        Assert.True(code == 0, output);
    }

    /// <summary>The overlay's backing file, read with <c>qemu-img info</c>.</summary>
    public static string BackingFile(string overlay)
    {
        var (code, output) = VirshTool.RunTool("qemu-img", ["info", "--output=json", "-U", overlay]);
        Assert.True(code == 0, output);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        return json.RootElement.GetProperty("backing-filename").GetString()!;
    }

    public void Dispose()
    {
        foreach (var name in VirshTool.AllNames().Where(n => n.EndsWith("-" + WorkspaceNames.RepositoryHash(Repository), StringComparison.Ordinal)))
        {
            VirshTool.RemoveIfPresent(name);
        }

        Runtime.Dispose();
        Images.Dispose();
        Storage.Dispose();
        Checkout.Dispose();
    }

    /// <summary>Fails loudly (never skips) when libvirt is not up: CI runs scripts/ensure-libvirt.sh first.</summary>
    private static void EnsureLibvirt()
    {
        var (code, output) = VirshTool.Try("version");
        if (code != 0)
        {
            throw new InvalidOperationException($"libvirtd does not answer on {VirshTool.Uri}; run scripts/ensure-libvirt.sh. virsh said: {output}");
        }
    }
}
