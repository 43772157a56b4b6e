using System.Text;
using System.Text.Json;
using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;

namespace Reconciler.Runtime.Libvirt.Disks;

/// <summary>
/// The two files of a cloud-init NoCloud seed (<c>meta-data</c>, <c>user-data</c>), rendered from the workspace:
/// hostname, one user (remoteUser, else containerUser, else <c>dev</c>) with the configured SSH public keys and
/// passwordless sudo, and the devcontainer lifecycle commands (onCreate, updateContent, postCreate, postStart, in
/// that order) as <c>runcmd</c>. Every string is written as a JSON string, which is valid YAML, so no value can
/// break out of its field. Pure.
/// </summary>
internal static class CloudInitSeed
{
    public const string DefaultUser = "dev";

    public static string MetaData(string instanceId, string hostname)
        => $"instance-id: {Quote(instanceId)}\nlocal-hostname: {Quote(hostname)}\n";

    /// <summary>Where access.rdp's generated password is written in the guest (root only), for its RDP server set-up to read.</summary>
    public const string RdpPasswordPath = "/etc/reconciler/rdp-password";

    public static string UserData(DesiredWorkspace desired, string hostname, IReadOnlyList<string> sshAuthorizedKeys, string? rdpPassword = null)
    {
        var user = desired.Container.RemoteUser ?? desired.Container.ContainerUser ?? DefaultUser;
        var text = new StringBuilder("#cloud-config\n");
        text.Append("hostname: ").Append(Quote(hostname)).Append('\n');
        text.Append("users:\n");
        text.Append("  - name: ").Append(Quote(user)).Append('\n');
        text.Append("    shell: \"/bin/bash\"\n");
        text.Append("    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n");
        text.Append("    ssh_authorized_keys: ").Append(JsonSerializer.Serialize(sshAuthorizedKeys)).Append('\n');
        if (rdpPassword is not null)
        {
            text.Append("write_files:\n");
            text.Append("  - path: ").Append(Quote(RdpPasswordPath)).Append('\n');
            text.Append("    permissions: \"0600\"\n");
            text.Append("    content: ").Append(Quote(rdpPassword)).Append('\n');
        }

        var commands = RunCommands(desired.Commands).ToList();
        if (commands.Count > 0)
        {
            text.Append("runcmd:\n");
            foreach (var argv in commands)
            {
                text.Append("  - ").Append(JsonSerializer.Serialize(argv)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static IEnumerable<IReadOnlyList<string>> RunCommands(LifecycleCommands commands)
    {
        foreach (var command in new[] { commands.OnCreate, commands.UpdateContent, commands.PostCreate, commands.PostStart })
        {
            if (command is not null)
            {
                foreach (var argv in Flatten(command))
                {
                    yield return argv;
                }
            }
        }
    }

    /// <summary>A parallel command's entries run one after another (runcmd is sequential), in name order.</summary>
    private static IEnumerable<IReadOnlyList<string>> Flatten(LifecycleCommand command)
        => command.Parallel is { } parallel
            ? parallel.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => Flatten(p.Value))
            : [command.ToArgv()];

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}
