using Docker.DotNet;
using Microsoft.Extensions.Logging;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Engine;
using Reconciler.Runtime.Docker.Lifecycle;

namespace Reconciler.Runtime.Docker.Access;

/// <summary>
/// <c>access.ssh</c>: starts the image's own OpenSSH server (required and checked, never installed) as root after every
/// start of the container, with a configuration of Reconciler's: key logins only, the owner's keys as the only
/// authorized keys, and an ed25519 host key generated once into the workspace folder (<see cref="HostKeyFolder"/>),
/// so a recreate keeps the host key and clients keep trusting it.
/// </summary>
internal sealed class SshServerStarter(IDockerClient client, MutationCounter mutations, DockerRuntimeOptions options, ILogger logger)
{
    /// <summary>Relative to the workspace folder (the workspace volume); its <c>.gitignore</c> keeps it out of git.</summary>
    public const string HostKeyFolder = ".reconciler/ssh";

    /// <summary>Where Reconciler's sshd configuration and the authorized keys are written in the container.</summary>
    public const string ConfigFolder = "/etc/reconciler/ssh";

    private const int MissingExitCode = 97;

    /// <summary>The owner's keys, or <c>SshKeysMissing</c>: checked before anything is created.</summary>
    public static async Task<IReadOnlyList<string>> AuthorizedKeysAsync(DesiredWorkspace desired, DockerRuntimeOptions options, CancellationToken cancellationToken)
    {
        var keys = options.SshAuthorizedKeys is { } read ? await read(desired, cancellationToken) : [];
        if (keys.Count == 0)
        {
            var owner = desired.Spec.Owner is { } name ? $"its owner '{name}' has no public key under access.sshKeys (listed, or from GitHub for {{ github: LOGIN }}: see the worker log)" : "it names no owner (owner: in workspace.yaml)";
            throw new StepFailedException("SshKeysMissing", $"{desired.Key} has access.ssh but {owner} in the worker configuration, so no one could log in (see docs/access.md)");
        }

        return keys;
    }

    public async Task StartAsync(string containerId, string name, DesiredWorkspace desired, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var hostKeys = desired.Container.WorkspaceFolder.TrimEnd('/') + "/" + HostKeyFolder;
        var settings = new ExecSettings(
            containerId,
            "0",
            [$"RECONCILER_SSH_HOST_KEYS={hostKeys}", $"RECONCILER_SSH_CONFIG={ConfigFolder}", $"RECONCILER_SSH_KEYS={string.Join('\n', keys)}"],
            "/");
        var tail = new OutputTail(options.OutputTailLines);
        var exitCode = await new ExecRunner(client, mutations, options.TimeProvider).RunAsync(settings, ["/bin/sh", "-c", Script], tail, cancellationToken);
        if (exitCode == MissingExitCode)
        {
            throw new StepFailedException(
                "SshServerMissing",
                $"{desired.Key} has access.ssh but its image has no OpenSSH server: install openssh-server in the image (docs/access.md)",
                exitCode,
                tail.ToString());
        }

        if (exitCode != 0)
        {
            throw new StepFailedException("SshServerFailed", $"the SSH server of {desired.Key} did not start (exit {exitCode})", exitCode, tail.ToString());
        }

        Log.SshServerStarted(logger, name, keys.Count, hostKeys);
    }

    /// <summary>
    /// Idempotent: a server already running (by its pid file) is left running and re-reads the keys (SIGHUP). PAM is
    /// used when the image configures it for sshd, so accounts created without a password (locked) can log in by key.
    /// </summary>
    private const string Script = """
        set -e
        sshd="$(command -v sshd 2>/dev/null || true)"
        [ -n "$sshd" ] || { [ -x /usr/sbin/sshd ] && sshd=/usr/sbin/sshd; } || true
        if [ -z "$sshd" ] || ! command -v ssh-keygen >/dev/null 2>&1; then
          echo "sshd or ssh-keygen not found in the image" >&2
          exit 97
        fi
        keys="$RECONCILER_SSH_HOST_KEYS"
        conf="$RECONCILER_SSH_CONFIG"
        mkdir -p "$keys" "$conf" /run/sshd
        chmod 700 "$keys"
        [ -f "$keys/.gitignore" ] || printf '*\n' >"$keys/.gitignore"
        [ -s "$keys/ssh_host_ed25519_key" ] || ssh-keygen -q -t ed25519 -N '' -C '' -f "$keys/ssh_host_ed25519_key"
        chmod 600 "$keys/ssh_host_ed25519_key"
        printf '%s\n' "$RECONCILER_SSH_KEYS" >"$conf/authorized_keys"
        chmod 644 "$conf/authorized_keys"
        pam=no
        [ -f /etc/pam.d/sshd ] && pam=yes
        cat >"$conf/sshd_config" <<EOF
        Port 22
        HostKey $keys/ssh_host_ed25519_key
        AuthorizedKeysFile $conf/authorized_keys
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        UsePAM $pam
        PidFile /run/reconciler-sshd.pid
        Subsystem sftp internal-sftp
        EOF
        "$sshd" -t -f "$conf/sshd_config"
        if [ -f /run/reconciler-sshd.pid ] && kill -0 "$(cat /run/reconciler-sshd.pid)" 2>/dev/null; then
          kill -HUP "$(cat /run/reconciler-sshd.pid)"
          exit 0
        fi
        exec "$sshd" -f "$conf/sshd_config"
        """;
}
