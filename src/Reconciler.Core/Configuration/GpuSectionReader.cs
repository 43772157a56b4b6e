using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Gpu.Inventory;
using Reconciler.Core.Quantities;

namespace Reconciler.Core.Configuration;

/// <summary>
/// Binds a Docker host's <c>gpus</c> (declared GPUs) or <c>gpuInventory</c> (command or Docker probe) and the
/// top-level <c>gpu</c> section of a schema-valid document, and checks what the schema cannot: one source per host,
/// unique UUIDs and indexes, sizes that parse, MIG instances of declared profiles. Errors are located at the value.
/// </summary>
internal sealed class GpuSectionReader(LocatedDocument document, List<Diagnostic> diagnostics)
{
    private const long MiB = 1024 * 1024;

    public GpuInventoryConfig? Inventory(string host, JObject endpoint, string pointer)
    {
        var gpus = endpoint["gpus"] as JArray;
        var inventory = endpoint["gpuInventory"] as JObject;
        if (gpus is not null && inventory is not null)
        {
            Error(pointer + "/gpuInventory", "list the GPUs once: either gpus (declared) or gpuInventory (read from the host)");
            return null;
        }

        if (gpus is not null)
        {
            return new GpuInventoryConfig
            {
                Kind = GpuInventorySourceKind.Declared,
                Declared = new DeclaredGpuInventory { Host = host, Gpus = Declared(gpus, pointer + "/gpus") },
                Location = document.Map.Locate(pointer + "/gpus"),
            };
        }

        if (inventory is null)
        {
            return null;
        }

        var at = pointer + "/gpuInventory";
        var refresh = Duration(inventory["refreshInterval"], at + "/refreshInterval", GpuInventoryConfig.DefaultRefreshInterval);
        var command = inventory["command"] as JArray;
        var docker = inventory["docker"] as JObject;
        if ((command is null) == (docker is null))
        {
            Error(at, "name one source: command: [nvidia-smi, -q, -x] or docker: { image: IMAGE }");
            return null;
        }

        return command is not null
            ? new GpuInventoryConfig { Kind = GpuInventorySourceKind.Command, Command = [.. command.Select(c => (string)c!)], RefreshInterval = refresh, Location = document.Map.Locate(at) }
            : new GpuInventoryConfig { Kind = GpuInventorySourceKind.Docker, Image = (string)docker!["image"]!, RefreshInterval = refresh, Location = document.Map.Locate(at) };
    }

    public GpuSettingsConfig Settings(JObject? section) => new()
    {
        DefaultSharedReplicas = (int?)section?["defaultSharedReplicas"] ?? 4,
        PendingRecheckInterval = Duration(section?["pendingRecheckInterval"], "/gpu/pendingRecheckInterval", GpuSettingsConfig.DefaultPendingRecheckInterval),
        ReserveBeforeStart = Duration(section?["reserveBeforeStart"], "/gpu/reserveBeforeStart", TimeSpan.Zero),
    };

    private List<DeclaredGpu> Declared(JArray entries, string pointer)
    {
        var gpus = new List<DeclaredGpu>();
        var uuids = new Dictionary<string, int>(StringComparer.Ordinal);
        var indexes = new Dictionary<int, int>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = (JObject)entries[i];
            var at = $"{pointer}/{i}";
            var uuid = (string)entry["uuid"]!;
            if (!uuids.TryAdd(uuid, i))
            {
                Error(at + "/uuid", $"GPU {uuid} is already declared as gpus[{uuids[uuid]}]; a UUID names one GPU");
            }

            var index = (int?)entry["index"] ?? i;
            if (!indexes.TryAdd(index, i))
            {
                Error(at + (entry["index"] is null ? "" : "/index"), $"index {index} is already used by gpus[{indexes[index]}]; give each GPU its own index");
            }

            var profiles = Profiles(entry["migProfiles"] as JArray ?? [], at + "/migProfiles");
            gpus.Add(new DeclaredGpu
            {
                Index = index,
                Uuid = uuid,
                Name = (string)entry["name"]!,
                MemoryMiB = Size(entry["memory"], at + "/memory") / MiB,
                PciBusId = (string?)entry["pciBusId"],
                Mig = (bool?)entry["mig"] ?? false,
                MigProfiles = profiles,
                MigInstances = Instances(entry["migInstances"] as JArray ?? [], at + "/migInstances", profiles),
                VgpuProfiles = [.. (entry["vgpuTypes"] as JArray ?? []).Select(v => new VgpuProfile((string)v["name"]!, (int)v["maxInstances"]!))],
            });
        }

        return gpus;
    }

    private List<MigProfile> Profiles(JArray entries, string pointer)
    {
        var profiles = new List<MigProfile>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var name = MigProfileName.Normalize((string)entry["name"]!);
            var total = (int)entry["total"]!;
            var slices = MigProfileName.Slices(name) ?? 0;
            if (slices < 1)
            {
                Error($"{pointer}/{i}/name", $"'{YamlMessages.Shorten(name)}' is not a MIG profile name such as 1g.10gb");
            }

            var memory = entry["memory"] is { } m ? Size(m, $"{pointer}/{i}/memory") / MiB : 0;
            profiles.Add(new MigProfile(name, (int?)entry["id"] ?? 0, total, total, memory, slices));
        }

        return profiles;
    }

    private List<MigInstance> Instances(JArray entries, string pointer, List<MigProfile> profiles)
    {
        var instances = new List<MigInstance>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var name = MigProfileName.Normalize((string)entry["profile"]!);
            var profile = profiles.Find(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (profile is null)
            {
                Error($"{pointer}/{i}/profile", $"profile '{YamlMessages.Shorten(name)}' is not in migProfiles of this GPU");
                continue;
            }

            instances.Add(new MigInstance(profile.Name, profile.Id, (int)entry["id"]!, 0, profile.Slices, (string?)entry["uuid"]));
        }

        return instances;
    }

    private long Size(JToken? token, string pointer)
    {
        if (!ByteSize.TryParse((string?)token, out var bytes) || bytes < MiB)
        {
            Error(pointer, $"'{YamlMessages.Shorten((string?)token ?? "")}' is not a size of at least 1Mi; write e.g. 80Gi");
            return 0;
        }

        return bytes;
    }

    private TimeSpan Duration(JToken? token, string pointer, TimeSpan fallback)
        => ConfigValueChecks.Duration(document, diagnostics, token, pointer, fallback);

    private void Error(string pointer, string message) => ConfigValueChecks.Error(document, diagnostics, pointer, message);
}
