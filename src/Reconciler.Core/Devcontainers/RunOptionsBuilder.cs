namespace Reconciler.Core.Devcontainers;

/// <summary>Mutable <see cref="DockerRunOptions"/> while runArgs are read; the last value of a repeated scalar flag wins, as in docker.</summary>
internal sealed class RunOptionsBuilder
{
    public double? Cpus { get; set; }

    public long? MemoryBytes { get; set; }

    public long? MemorySwapBytes { get; set; }

    public long? ShmSizeBytes { get; set; }

    public string? Gpus { get; set; }

    public List<string> Devices { get; } = [];

    public List<string> CapAdd { get; } = [];

    public List<string> CapDrop { get; } = [];

    public List<string> SecurityOpt { get; } = [];

    public string? Network { get; set; }

    public string? Ipc { get; set; }

    public string? Pid { get; set; }

    public string? Userns { get; set; }

    public string? Platform { get; set; }

    public bool Privileged { get; set; }

    public bool Init { get; set; }

    public Dictionary<string, string> Env { get; } = new(StringComparer.Ordinal);

    public List<string> EnvFiles { get; } = [];

    public List<string> Publish { get; } = [];

    public List<MountSpec> Mounts { get; } = [];

    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    public string? Hostname { get; set; }

    public string? User { get; set; }

    public string? Workdir { get; set; }

    public List<string> AddHosts { get; } = [];

    public List<string> Ulimits { get; } = [];

    public string? Name { get; set; }

    public DockerRunOptions Build() => new()
    {
        Cpus = Cpus,
        MemoryBytes = MemoryBytes,
        MemorySwapBytes = MemorySwapBytes,
        ShmSizeBytes = ShmSizeBytes,
        Gpus = Gpus,
        Devices = Devices,
        CapAdd = CapAdd,
        CapDrop = CapDrop,
        SecurityOpt = SecurityOpt,
        Network = Network,
        Ipc = Ipc,
        Pid = Pid,
        Userns = Userns,
        Platform = Platform,
        Privileged = Privileged,
        Init = Init,
        Env = Env,
        EnvFiles = EnvFiles,
        Publish = Publish,
        Mounts = Mounts,
        Labels = Labels,
        Hostname = Hostname,
        User = User,
        Workdir = Workdir,
        AddHosts = AddHosts,
        Ulimits = Ulimits,
        Name = Name,
    };
}
