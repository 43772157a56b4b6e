using Docker.DotNet;
using Docker.DotNet.Models;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Gpus;

/// <summary>
/// Reads a Docker host's GPUs through the host itself: a short-lived container with every GPU (device request
/// driver <c>nvidia</c>, count -1, capabilities gpu and utility, so the NVIDIA container toolkit mounts
/// <c>nvidia-smi</c> into it) runs <see cref="NvidiaSmiOutput.ProbeScript"/>; its output is parsed like a configured
/// command's. The container carries no ownership label (it is never observed as a workspace) and is removed
/// afterwards, whatever happened. The image is never pulled: it must be on the host.
/// </summary>
internal sealed class GpuInventoryProbe(IDockerClient client, MutationCounter mutations)
{
    public const string RoleLabel = "dev.reconciler.role";
    public const string RoleValue = "gpu-inventory";

    /// <summary>Longest the probe may run (nvidia-smi answers in about a second).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The create request, exposed for tests: nothing here needs a GPU to check.</summary>
    public static CreateContainerParameters Parameters(string image, string name) => new()
    {
        Name = name,
        Image = image,
        Entrypoint = ["/bin/sh", "-c", NvidiaSmiOutput.ProbeScript],
        Cmd = [],
        Labels = new Dictionary<string, string> { [RoleLabel] = RoleValue },
        Env = ["NVIDIA_VISIBLE_DEVICES=all", "NVIDIA_DRIVER_CAPABILITIES=utility"],
        NetworkDisabled = true,
        HostConfig = new HostConfig
        {
            NetworkMode = "none",
            DeviceRequests =
            [
                new DeviceRequest { Driver = "nvidia", Count = -1, Capabilities = [["gpu", "utility"]] },
            ],
        },
    };

    public async Task<ParseResult<GpuInventory>> ReadAsync(string host, string image, CancellationToken cancellationToken)
    {
        var source = $"nvidia-smi in {image} on Docker host '{host}'";
        var name = $"reconciler-gpu-inventory-{Guid.NewGuid():N}"[..40];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        string? id = null;
        try
        {
            mutations.Add();
            id = (await client.Containers.CreateContainerAsync(Parameters(image, name), timeout.Token)).ID;
            mutations.Add();
            await client.Containers.StartContainerAsync(id, new ContainerStartParameters(), timeout.Token);
            var exit = await client.Containers.WaitContainerAsync(id, timeout.Token);
            using var logs = await client.Containers.GetContainerLogsAsync(id, tty: false, new ContainerLogsParameters { ShowStdout = true, ShowStderr = true }, timeout.Token);
            var (stdout, stderr) = await logs.ReadOutputToEndAsync(timeout.Token);
            if (exit.StatusCode != 0)
            {
                return Failed(source, $"the probe exited with {exit.StatusCode}: {Tail(stderr + stdout)}");
            }

            return NvidiaSmiOutput.Parse(host, stdout, source);
        }
        catch (DockerApiException e)
        {
            return Failed(source, $"the probe container failed ({NvidiaRuntime.Explain(DockerErrors.Message(e), host)})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(source, $"the probe did not finish within {Timeout.TotalSeconds:0} s");
        }
        finally
        {
            if (id is not null)
            {
                await RemoveAsync(id);
            }
        }
    }

    private async Task RemoveAsync(string id)
    {
        try
        {
            mutations.Add();
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
        catch (DockerApiException)
        {
            // Already gone; a leftover carries the role label and no ownership label, so no pass ever touches it.
        }
    }

    private static string Tail(string output)
    {
        var text = output.Trim();
        return text.Length <= 300 ? text : "…" + text[^300..];
    }

    private static ParseResult<GpuInventory> Failed(string source, string message)
        => ParseResult<GpuInventory>.Failed([Diagnostic.Error(DiagnosticCodes.GpuInventoryInvalid, message, SourceLocation.StartOf(source))]);
}
