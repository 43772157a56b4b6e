using BenchmarkDotNet.Attributes;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker;

namespace Reconciler.Benchmarks;

/// <summary>
/// Issue target (c): observing 500 real containers on the local engine. Observe is one label-filtered
/// list call per pass, whatever the number of workspaces; this measures that call end to end (request,
/// engine, JSON, mapping to observations). Needs a running engine and the image built by
/// <c>scripts/make-local-image.sh reconciler-bench/busybox:1</c> (bench/observe.sh does both).
/// </summary>
[MemoryDiagnoser]
public class ObserveBenchmarks
{
    private const string Endpoint = "unix:///var/run/docker.sock";
    private const string Image = "reconciler-bench/busybox:1";
    private const string Repository = "bench/observe-500";

    private readonly List<string> _ids = [];
    private DockerClient _client = null!;
    private DockerWorkspaceRuntime _runtime = null!;

    [Params(500)]
    public int Containers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _client = new DockerClientConfiguration(new Uri(Endpoint)).CreateClient();
        _runtime = new DockerWorkspaceRuntime(Endpoint, new DockerRuntimeOptions(), NullLogger<DockerWorkspaceRuntime>.Instance);
        await RemoveLeftoversAsync();
        for (var i = 0; i < Containers; i++)
        {
            var key = new WorkspaceKey(Repository, $"ws-{i:D4}");
            var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = Image,
                Name = WorkspaceNames.Base(key),
                Cmd = ["sleep", "1"],
                Labels = new Dictionary<string, string>
                {
                    [OwnershipLabels.ManagedBy] = OwnershipLabels.ManagedByValue,
                    [OwnershipLabels.Repository] = Repository,
                    [OwnershipLabels.Workspace] = key.Workspace,
                    [OwnershipLabels.SpecHash] = "0123456789abcdef",
                    [OwnershipLabels.Commit] = "bench",
                    [OwnershipLabels.Spec] = """{"image":"reconciler-bench/busybox:1","containerEnv.A":"1"}""",
                },
            });
            _ids.Add(created.ID);
        }
    }

    [Benchmark]
    public async Task<int> ObserveAll() => (await _runtime.ObserveAsync(null, CancellationToken.None)).Count;

    [Benchmark]
    public async Task<int> ObserveOneRepository() => (await _runtime.ObserveAsync(Repository, CancellationToken.None)).Count;

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await RemoveLeftoversAsync();
        if (_runtime.MutatingCalls != 0)
        {
            throw new InvalidOperationException($"observe made {_runtime.MutatingCalls} mutating calls");
        }

        _runtime.Dispose();
        _client.Dispose();
    }

    private async Task RemoveLeftoversAsync()
    {
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{OwnershipLabels.Repository}={Repository}"] = true } };
        foreach (var container in await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }))
        {
            await _client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true });
        }
    }
}
