using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Runtime.Docker;

namespace Reconciler.Worker.Gpus;

/// <summary>
/// Reads one host's GPU inventory from its configured source, once (the worker caches it, the CLI reads it per
/// command): declared in the file, printed by a command, or read by the Docker probe on <paramref name="runtime"/>
/// (null for a libvirt host, whose GPUs are declared).
/// Never throws for a source that fails: the error is returned with the name of the source.
/// </summary>
public static class GpuInventoryReader
{
    public static async Task<(GpuInventory? Inventory, string? Error, string From)> ReadAsync(
        string host, GpuInventoryConfig source, DockerWorkspaceRuntime? runtime, CancellationToken cancellationToken)
    {
        switch (source.Kind)
        {
            case GpuInventorySourceKind.Declared:
                return Result(source.Declared!.ToInventory(), "the configuration");
            case GpuInventorySourceKind.Command:
                var from = string.Join(" ", source.Command);
                var (output, error) = await InventoryCommand.RunAsync(source.Command, cancellationToken);
                return output is null ? (null, error, from) : Result(NvidiaSmiOutput.Parse(host, output, from), from);
            default:
                var probe = $"a container of {source.Image}";
                if (runtime is null)
                {
                    return (null, $"host {host} is not a Docker host: declare its GPUs", probe);
                }

                try
                {
                    return Result(await runtime.ReadGpuInventoryAsync(source.Image!, cancellationToken), probe);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is not OutOfMemoryException)
                {
                    return (null, e.Message, probe);
                }
        }
    }

    /// <summary>A file of nvidia-smi output (any form <see cref="NvidiaSmiOutput"/> reads) as one host's inventory.</summary>
    public static (GpuInventory? Inventory, string? Error, string From) ReadFile(string host, string path)
    {
        if (!File.Exists(path))
        {
            return (null, $"file not found: {path}", path);
        }

        return Result(NvidiaSmiOutput.Parse(host, File.ReadAllText(path), path), path);
    }

    private static (GpuInventory?, string?, string) Result(ParseResult<GpuInventory> parsed, string from)
        => parsed.Succeeded
            ? (parsed.Value, null, from)
            : (null, string.Join("; ", parsed.Diagnostics.Where(d => d.IsError).Take(3)), from);
}
