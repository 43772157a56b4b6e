using System.CommandLine;

namespace Reconciler.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> DockerHost = new("--docker-host")
    {
        Description = "Docker endpoint for the 'default' host (default: $DOCKER_HOST, else unix:///var/run/docker.sock)",
        Recursive = true,
    };

    public static readonly Option<FileInfo?> Config = new("--config")
    {
        Description = "Reconciler configuration file (YAML; see docs/configuration.md)",
        Recursive = true,
    };

    public static readonly Option<string[]> GpuInventory = new("--gpu-inventory")
    {
        Description = "nvidia-smi output (-q -x, --query-gpu CSV, or sections with mig -lgip/-lgi) to plan GPUs with: FILE for host 'default' or HOST=FILE; "
            + "replaces that host's inventory from --config. Repeatable",
        Recursive = true,
        AllowMultipleArgumentsPerToken = false,
    };

    public static readonly Option<string> LogFormat = new("--log-format")
    {
        Description = "Log format on stderr: text or json",
        Recursive = true,
        DefaultValueFactory = _ => "text",
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log debug details to stderr",
        Recursive = true,
    };

    static GlobalOptions() => LogFormat.AcceptOnlyFromAmong("text", "json");
}
