using System.Globalization;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Quantities;

namespace Reconciler.Core.Devcontainers;

/// <summary>The docker run flags Reconciler understands, each with how its value is applied.</summary>
internal sealed class RunFlags
{
    private static readonly RunFlags[] All =
    [
        Value("--cpus", null, (b, v) => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var cpus) && cpus > 0 && double.IsFinite(cpus)
            ? Ok(() => b.Cpus = cpus)
            : $"{MessageText.Quote(v)} is not a CPU count: expected a positive number such as 2 or 1.5"),
        Value("--memory", "-m", (b, v) => Size(v, bytes => b.MemoryBytes = bytes)),
        Value("--memory-swap", null, (b, v) => v == "-1" ? Ok(() => b.MemorySwapBytes = -1) : Size(v, bytes => b.MemorySwapBytes = bytes)),
        Value("--shm-size", null, (b, v) => Size(v, bytes => b.ShmSizeBytes = bytes)),
        Value("--gpus", null, (b, v) => Ok(() => b.Gpus = v)),
        Value("--device", null, (b, v) => Ok(() => b.Devices.Add(v))),
        Value("--cap-add", null, (b, v) => Ok(() => b.CapAdd.Add(v))),
        Value("--cap-drop", null, (b, v) => Ok(() => b.CapDrop.Add(v))),
        Value("--security-opt", null, (b, v) => Ok(() => b.SecurityOpt.Add(v))),
        Value("--network", null, (b, v) => Ok(() => b.Network = v)),
        Value("--net", null, (b, v) => Ok(() => b.Network = v)),
        Value("--ipc", null, (b, v) => Ok(() => b.Ipc = v)),
        Value("--pid", null, (b, v) => Ok(() => b.Pid = v)),
        Value("--userns", null, (b, v) => Ok(() => b.Userns = v)),
        Value("--platform", null, (b, v) => Ok(() => b.Platform = v)),
        Boolean("--privileged", (b, on) => b.Privileged = on),
        Boolean("--init", (b, on) => b.Init = on),
        Value("--env", "-e", Env),
        Value("--env-file", null, (b, v) => Ok(() => b.EnvFiles.Add(v))),
        Value("--publish", "-p", (b, v) => Ok(() => b.Publish.Add(v))),
        Value("--volume", "-v", (b, v) => Mount(b, MountParser.ParseVolumeFlag(v, out var error), error)),
        Value("--mount", null, (b, v) => Mount(b, MountParser.Parse(v, out var error), error)),
        Value("--label", "-l", (b, v) =>
        {
            var equals = v.IndexOf('=', StringComparison.Ordinal);
            return equals == 0 ? $"{MessageText.Quote(v)} is not a label: expected KEY=VALUE" : Ok(() => b.Labels[equals < 0 ? v : v[..equals]] = equals < 0 ? "" : v[(equals + 1)..]);
        }),
        Value("--hostname", "-h", (b, v) => Ok(() => b.Hostname = v)),
        Value("--user", "-u", (b, v) => Ok(() => b.User = v)),
        Value("--workdir", "-w", (b, v) => Ok(() => b.Workdir = v)),
        Value("--add-host", null, (b, v) => Ok(() => b.AddHosts.Add(v))),
        Value("--ulimit", null, (b, v) => Ok(() => b.Ulimits.Add(v))),
        Value("--name", null, (b, v) => Ok(() => b.Name = v)),
    ];

    private readonly Func<RunOptionsBuilder, string?, string?> _apply;

    private RunFlags(string name, string? shortName, bool isBoolean, Func<RunOptionsBuilder, string?, string?> apply)
    {
        Name = name;
        ShortName = shortName;
        IsBoolean = isBoolean;
        _apply = apply;
    }

    public string Name { get; }

    public string? ShortName { get; }

    /// <summary>A boolean flag takes no separate value; only <c>--flag=true|false</c>.</summary>
    public bool IsBoolean { get; }

    public static RunFlags? Find(string name) => Array.Find(All, f => f.Name == name || f.ShortName == name);

    /// <summary>Applies the value; returns why it is invalid, or null.</summary>
    public string? Apply(RunOptionsBuilder builder, string? value) => _apply(builder, value);

    private static RunFlags Value(string name, string? shortName, Func<RunOptionsBuilder, string, string?> apply)
        => new(name, shortName, false, (b, v) => apply(b, v ?? ""));

    private static RunFlags Boolean(string name, Action<RunOptionsBuilder, bool> set)
        => new(name, null, true, (b, v) =>
        {
            bool? on = v switch
            {
                null or "1" => true,
                "0" => false,
                _ when bool.TryParse(v, out var parsed) => parsed,
                _ => null,
            };
            return on is { } flag ? Ok(() => set(b, flag)) : $"{MessageText.Quote(v ?? "")} is not a boolean: expected {name}, {name}=true or {name}=false";
        });

    private static string? Env(RunOptionsBuilder builder, string value)
    {
        var equals = value.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            // docker would copy the variable from the worker's own environment: that leaks the host's secrets.
            var name = MessageText.Escape(value);
            return $"-e {name} without '=' would pass the worker's own {name} into the container; "
                + $"set it in containerEnv as \"{name}\": \"${{localEnv:{name}}}\" (and allow-list {name}) instead";
        }

        if (equals == 0)
        {
            return $"{MessageText.Quote(value)} is not an environment variable: expected NAME=VALUE";
        }

        builder.Env[value[..equals]] = value[(equals + 1)..];
        return null;
    }

    private static string? Size(string value, Action<long> set)
        => ByteSize.TryParse(value, out var bytes) ? Ok(() => set(bytes)) : $"{MessageText.Quote(value)} is not a size: expected a number with an optional unit such as 512m or 2g";

    private static string? Mount(RunOptionsBuilder builder, MountSpec? mount, string? error)
    {
        if (mount is null)
        {
            return error;
        }

        builder.Mounts.Add(mount);
        return null;
    }

    private static string? Ok(Action apply)
    {
        apply();
        return null;
    }
}
