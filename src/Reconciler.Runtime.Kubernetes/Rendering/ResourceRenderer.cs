using System.Globalization;
using k8s.Models;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.Runtime.Kubernetes.Rendering;

/// <summary>
/// Requests and limits from <c>resources</c> and the GPU request from <c>gpu</c>. GPUs are extended
/// resources of the NVIDIA device plugin, which does the placement: <c>nvidia.com/gpu</c> (exclusive),
/// <c>nvidia.com/mig-&lt;profile&gt;</c> (MIG, mixed strategy), <c>nvidia.com/gpu.shared</c> (time-slicing with
/// renamed resources). A <c>model</c> becomes a node selector on GPU feature discovery's
/// <c>nvidia.com/gpu.product</c> label.
/// </summary>
internal static class ResourceRenderer
{
    public const string GpuResource = "nvidia.com/gpu";
    public const string SharedGpuResource = "nvidia.com/gpu.shared";
    public const string MigResourcePrefix = "nvidia.com/mig-";
    public const string GpuProductLabel = "nvidia.com/gpu.product";

    public sealed record Result(V1ResourceRequirements? Resources, IDictionary<string, string>? NodeSelector, IReadOnlyList<string> Problems);

    public static Result Render(DesiredWorkspace desired)
    {
        var spec = desired.Spec;
        var problems = new List<string>();
        var limits = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal);
        var requests = new SortedDictionary<string, ResourceQuantity>(StringComparer.Ordinal);

        var nanoCpus = spec.Resources.Cpu is { } cpu ? (long)Math.Round(cpu * 1e9) : desired.Container.NanoCpus;
        if (nanoCpus is > 0)
        {
            var quantity = Cpu(nanoCpus.Value);
            limits["cpu"] = quantity;
            requests["cpu"] = quantity;
        }

        var memory = spec.Resources.MemoryBytes ?? desired.Container.MemoryBytes;
        if (memory is > 0)
        {
            var quantity = Bytes(memory.Value);
            limits["memory"] = quantity;
            requests["memory"] = quantity;
        }

        IDictionary<string, string>? nodeSelector = null;
        var gpu = spec.Gpu;
        if (gpu.Mode != GpuMode.None)
        {
            var count = Math.Max(gpu.Count, 1).ToString(CultureInfo.InvariantCulture);
            switch (gpu.Mode)
            {
                case GpuMode.Exclusive:
                    limits[GpuResource] = Quantity(count);
                    break;
                case GpuMode.Mig when !string.IsNullOrWhiteSpace(gpu.Profile):
                    limits[MigResourcePrefix + gpu.Profile.Trim()] = Quantity(count);
                    break;
                case GpuMode.Mig:
                    problems.Add("gpu mode mig needs a profile");
                    break;
                case GpuMode.Shared:
                    limits[SharedGpuResource] = Quantity(count);
                    break;
                default:
                    problems.Add($"gpu mode {WorkspaceVocabulary.ToYaml(gpu.Mode)} is not supported on Kubernetes (use exclusive, mig or shared)");
                    break;
            }

            if (!string.IsNullOrWhiteSpace(gpu.Model))
            {
                var product = ProductLabelValue(gpu.Model);
                if (KubernetesLabels.IsValidValue(product))
                {
                    nodeSelector = new Dictionary<string, string>(StringComparer.Ordinal) { [GpuProductLabel] = product };
                }
                else
                {
                    problems.Add($"gpu model '{gpu.Model}' cannot be a node selector value");
                }
            }
        }

        var resources = limits.Count == 0 && requests.Count == 0
            ? null
            : new V1ResourceRequirements
            {
                Limits = limits.Count > 0 ? limits : null,
                Requests = requests.Count > 0 ? requests : null,
            };
        return new Result(resources, nodeSelector, problems);
    }

    /// <summary>
    /// Parsed quantities by canonical text. Parsing a <see cref="ResourceQuantity"/> is the dearest step of a render; the
    /// cached instances are shared between rendered objects and never changed (the renderer only serializes them).
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ResourceQuantity> Quantities = new(StringComparer.Ordinal);

    private static ResourceQuantity Quantity(string text) => Quantities.GetOrAdd(text, static t => new ResourceQuantity(t));

    /// <summary>GPU feature discovery writes the product name with spaces replaced by '-' (<c>NVIDIA-H100-80GB-HBM3</c>).</summary>
    public static string ProductLabelValue(string model) => model.Trim().Replace(' ', '-');

    /// <summary>Whole cores as an integer, anything else in millicores (Kubernetes' canonical forms).</summary>
    public static ResourceQuantity Cpu(long nanoCpus)
    {
        var milli = Math.Max(1, (long)Math.Round(nanoCpus / 1e6));
        return Quantity(milli % 1000 == 0
            ? (milli / 1000).ToString(CultureInfo.InvariantCulture)
            : milli.ToString(CultureInfo.InvariantCulture) + "m");
    }

    /// <summary>Bytes in the largest binary unit that divides them exactly (<c>32Gi</c>, <c>1536Mi</c>, <c>1000</c>).</summary>
    public static ResourceQuantity Bytes(long bytes)
    {
        string[] units = ["Ti", "Gi", "Mi", "Ki"];
        for (var i = 0; i < units.Length; i++)
        {
            var size = 1L << (10 * (units.Length - i));
            if (bytes >= size && bytes % size == 0)
            {
                return Quantity((bytes / size).ToString(CultureInfo.InvariantCulture) + units[i]);
            }
        }

        return Quantity(bytes.ToString(CultureInfo.InvariantCulture));
    }
}
