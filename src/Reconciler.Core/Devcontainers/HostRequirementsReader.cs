using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Quantities;

namespace Reconciler.Core.Devcontainers;

/// <summary><c>hostRequirements</c>: <c>cpus</c>, <c>memory</c> and <c>storage</c> (sizes such as <c>"8gb"</c>) and <c>gpu</c>.</summary>
internal static class HostRequirementsReader
{
    public static HostRequirements? Read(JToken? token, string pointer, JsonBinder binder)
    {
        if (binder.Object(token, pointer) is not { } obj)
        {
            return null;
        }

        var cpusPointer = JsonPointer.Append(pointer, "cpus");
        var cpus = binder.Integer(obj["cpus"], cpusPointer);
        if (cpus is < 1 or > int.MaxValue)
        {
            binder.Invalid(cpusPointer, $"{cpus} is not a CPU count: expected at least 1");
            cpus = null;
        }

        foreach (var property in obj.Properties().Where(p => p.Name is not ("cpus" or "memory" or "storage" or "gpu")))
        {
            binder.Warning(DiagnosticCodes.UnknownKey, JsonPointer.Append(pointer, property.Name), $"unknown key hostRequirements.{MessageText.Escape(property.Name)} is ignored", atKey: true);
        }

        return new HostRequirements(
            (int?)cpus,
            Size(obj["memory"], JsonPointer.Append(pointer, "memory"), binder),
            Size(obj["storage"], JsonPointer.Append(pointer, "storage"), binder),
            Gpu(obj["gpu"], JsonPointer.Append(pointer, "gpu"), binder));
    }

    private static GpuRequirement? Gpu(JToken? token, string pointer, JsonBinder binder)
    {
        switch (token)
        {
            case null:
                return null;
            case JValue { Type: JTokenType.Boolean } flag:
                return (bool)flag.Value! ? new GpuRequirement(true) : null;
            case JValue { Type: JTokenType.String } text when (string)text.Value! == "optional":
                return new GpuRequirement(false);
            case JObject obj:
                var coresPointer = JsonPointer.Append(pointer, "cores");
                var cores = binder.Integer(obj["cores"], coresPointer);
                if (cores is < 1 or > int.MaxValue)
                {
                    binder.Invalid(coresPointer, $"{cores} is not a GPU core count: expected at least 1");
                    cores = null;
                }

                return new GpuRequirement(true, (int?)cores, Size(obj["memory"], JsonPointer.Append(pointer, "memory"), binder));
            default:
                binder.WrongType(token, pointer, "true, false, \"optional\" or an object {cores, memory}");
                return null;
        }
    }

    private static long? Size(JToken? token, string pointer, JsonBinder binder)
    {
        if (binder.String(token, pointer) is not { } text)
        {
            return null;
        }

        if (ByteSize.TryParse(text, out var bytes))
        {
            return bytes;
        }

        binder.Invalid(pointer, $"{MessageText.Quote(text)} is not a size: expected a number with a unit such as 8gb or 512mb");
        return null;
    }
}
