using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Desired;
using Reconciler.Core.Planning;
using Reconciler.Core.Ports;
using Reconciler.Runtime.Libvirt;
using Reconciler.Runtime.Libvirt.Domains;
using Reconciler.Runtime.Libvirt.Native;

namespace Reconciler.Benchmarks;

/// <summary>
/// VM runtime figures on the real libvirt daemon (bench/vm.sh): (1) observing N defined managed domains, cold (list +
/// one metadata read per definition) and steady (the one list call), next to the virsh way (<c>virsh list</c> plus
/// one <c>virsh metadata</c> per domain); (2) define + start of the same diskless 64 MiB KVM domain through the
/// adapter's libvirt connection vs <c>virsh define &amp;&amp; virsh start</c>, interleaved in one run. Everything it
/// creates carries the repository <c>bench/vm</c> and is removed at the end.
/// </summary>
internal static class VmBench
{
    private const string Repository = "bench/vm";
    private const string Uri = "qemu:///system";

    public static async Task<int> RunAsync(int domains, int runs)
    {
        var root = Directory.CreateTempSubdirectory("rc-vm-bench-").FullName;
        var images = Directory.CreateDirectory(Path.Combine(root, "images")).FullName;
        Tool("qemu-img", "create", "-q", "-f", "qcow2", Path.Combine(images, "blank.qcow2"), "16M");
        var options = new LibvirtRuntimeOptions { ImageDirectory = images, StorageDirectory = Path.Combine(root, "vms"), ShutdownTimeout = TimeSpan.FromSeconds(1) };
        using var runtime = new LibvirtWorkspaceRuntime(options, NullLogger<LibvirtWorkspaceRuntime>.Instance);
        try
        {
            await DefineAsync(runtime, root, domains);
            Observe(options, domains, runs);
            CreateStart(root, runs);
            return 0;
        }
        finally
        {
            foreach (var name in Tool("virsh", "-c", Uri, "list", "--all", "--name").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                         .Where(n => n.EndsWith("-" + WorkspaceNames.RepositoryHash(Repository), StringComparison.Ordinal) || n.StartsWith("rc-bench-diskless-", StringComparison.Ordinal)))
            {
                TryTool("virsh", "-c", Uri, "destroy", name);
                TryTool("virsh", "-c", Uri, "undefine", name);
            }

            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>N managed domains, defined and left off (the adapter's create path with power Stopped).</summary>
    private static async Task DefineAsync(LibvirtWorkspaceRuntime runtime, string checkout, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var desired = Desired($"ws-{i:D3}") with { Power = PowerState.Stopped };
            var result = await runtime.ApplyAsync(new PlanAction(PlanActionKind.Create, desired.Key, desired, null, []), new ApplyContext(new Source.FileSystem.LocalCheckoutContent(checkout, Repository), false), CancellationToken.None);
            if (result.Outcome != ApplyOutcome.Succeeded)
            {
                throw new InvalidOperationException($"define {desired.Key}: {result.Reason}: {result.Message}");
            }
        }
    }

    private static void Observe(LibvirtRuntimeOptions options, int count, int runs)
    {
        using var fresh = new LibvirtWorkspaceRuntime(options, NullLogger<LibvirtWorkspaceRuntime>.Instance);
        var watch = Stopwatch.StartNew();
        var seen = fresh.ObserveAsync(Repository, CancellationToken.None).Result.Count;
        var cold = watch.Elapsed;
        var coldReads = fresh.MetadataReads;
        var steady = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            watch.Restart();
            seen = fresh.ObserveAsync(Repository, CancellationToken.None).Result.Count;
            steady.Add(watch.Elapsed.TotalMilliseconds);
        }

        if (seen != count || fresh.MetadataReads != coldReads || fresh.MutatingCalls != 0)
        {
            throw new InvalidOperationException($"observed {seen} of {count}; metadata reads {coldReads} → {fresh.MetadataReads}; writes {fresh.MutatingCalls}");
        }

        watch.Restart();
        var names = Tool("virsh", "-c", Uri, "list", "--all", "--name").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => n.StartsWith("rc-", StringComparison.Ordinal)).ToList();
        foreach (var name in names)
        {
            TryTool("virsh", "-c", Uri, "metadata", name, DomainMetadata.NamespaceUri);
        }

        var virsh = watch.Elapsed;
        Console.WriteLine($"observe {count} defined domains: cold pass {Ms(cold.TotalMilliseconds)} (1 list call + {coldReads} metadata reads); steady pass median {Ms(Median(steady))} over {runs} (1 list call, 0 metadata reads); runs {string.Join(' ', steady.Select(Ms))}");
        Console.WriteLine($"observe {count} defined domains the virsh way (list + {names.Count} x virsh metadata): {Ms(virsh.TotalMilliseconds)}");
    }

    private static void CreateStart(string root, int runs)
    {
        using var connection = new LibvirtConnection(Uri);
        var api = new List<double>();
        var cli = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            foreach (var viaApi in new[] { i % 2 == 0, i % 2 != 0 })
            {
                var name = $"rc-bench-diskless-{i}-{(viaApi ? "api" : "virsh")}";
                var xml = DomainXmlRenderer.Render(new DomainSpec(name, Guid.NewGuid().ToString(), 1, 64L << 20, null, null, NetworkAttachment.None, Desired(name).ToMetadata()));
                var file = Path.Combine(root, name + ".xml");
                File.WriteAllText(file, xml);
                var watch = Stopwatch.StartNew();
                if (viaApi)
                {
                    connection.Define(xml);
                    connection.Start(name);
                    api.Add(watch.Elapsed.TotalMilliseconds);
                }
                else
                {
                    Tool("sh", "-c", $"virsh -c {Uri} define {file} >/dev/null && virsh -c {Uri} start {name} >/dev/null");
                    cli.Add(watch.Elapsed.TotalMilliseconds);
                }

                connection.Destroy(name);
                connection.Undefine(name);
            }
        }

        Console.WriteLine($"define + start, diskless 64 MiB KVM domain, adapter (libvirt API): median {Ms(Median(api))}; runs {string.Join(' ', api.Select(Ms))}");
        Console.WriteLine($"define + start, same XML, virsh define && virsh start: median {Ms(Median(cli))}; runs {string.Join(' ', cli.Select(Ms))}");
    }

    private static DesiredWorkspace Desired(string workspace)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["image"] = "blank.qcow2", ["resources.memory"] = (64L << 20).ToString(CultureInfo.InvariantCulture) };
        return new DesiredWorkspace
        {
            Key = new WorkspaceKey(Repository, workspace),
            Commit = "bench",
            Spec = new Core.Workspaces.WorkspaceSpec { Name = workspace, Deployment = Core.Workspaces.DeploymentKind.Vm },
            Image = "blank.qcow2",
            Container = new ContainerSpec { WorkspaceFolder = "/workspaces/bench", WorkspaceVolume = "unused", MemoryBytes = 64L << 20 },
            Commands = new LifecycleCommands(),
            Fields = fields,
            SpecHash = SpecFields.Hash(fields),
        };
    }

    private static DomainMetadata ToMetadata(this DesiredWorkspace desired)
        => new(desired.Key.Repository, desired.Key.Workspace, desired.SpecHash, desired.Commit, desired.Image, DateTimeOffset.UnixEpoch, desired.Fields);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string Tool(string file, params string[] arguments)
    {
        var (code, output) = TryTool(file, arguments);
        return code == 0 ? output : throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: {output}");
    }

    private static (int Code, string Output) TryTool(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
