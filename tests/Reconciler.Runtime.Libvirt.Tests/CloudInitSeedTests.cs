using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Runtime.Libvirt.Disks;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Libvirt.Tests;

/// <summary>The NoCloud user-data: user, hostname, SSH keys, lifecycle commands as runcmd, every value quoted.</summary>
public sealed class CloudInitSeedTests
{
    [Fact]
    public void User_data_has_the_user_keys_and_lifecycle_commands_in_devcontainer_order()
    {
        var desired = DesiredVms.For("github.com/acme/vms", "ml") with
        {
            Commands = new LifecycleCommands(
                OnCreate: LifecycleCommand.FromShell("echo 'on create' > /tmp/a"),
                PostCreate: new LifecycleCommand(LifecycleCommandForm.Parallel, Parallel: new Dictionary<string, LifecycleCommand>
                {
                    ["b"] = LifecycleCommand.FromExec(["pip", "install", "-r", "requirements.txt"]),
                    ["a"] = LifecycleCommand.FromShell("make deps"),
                }),
                PostStart: LifecycleCommand.FromShell("echo \"started\"\nid")),
        };
        desired = desired with { Container = desired.Container with { RemoteUser = "vscode" } };

        var text = CloudInitSeed.UserData(desired, "ml", ["ssh-ed25519 AAAAC3Nza dev@acme"]);

        Assert.Equal(
            """
            #cloud-config
            hostname: "ml"
            users:
              - name: "vscode"
                shell: "/bin/bash"
                sudo: "ALL=(ALL) NOPASSWD:ALL"
                ssh_authorized_keys: ["ssh-ed25519 AAAAC3Nza dev@acme"]
            runcmd:
              - ["/bin/sh","-c","echo \u0027on create\u0027 \u003E /tmp/a"]
              - ["/bin/sh","-c","make deps"]
              - ["pip","install","-r","requirements.txt"]
              - ["/bin/sh","-c","echo \u0022started\u0022\nid"]

            """.Replace("\r", "", StringComparison.Ordinal),
            text);
    }

    [Fact]
    public void Without_a_remote_or_container_user_the_guest_user_is_dev_and_runcmd_is_left_out()
    {
        var text = CloudInitSeed.UserData(DesiredVms.For("github.com/acme/vms"), "main", []);

        Assert.Contains("  - name: \"dev\"\n", text, StringComparison.Ordinal);
        Assert.Contains("ssh_authorized_keys: []", text, StringComparison.Ordinal);
        Assert.DoesNotContain("runcmd", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_RDP_password_is_written_as_a_root_only_file_quoted_so_it_cannot_break_out()
    {
        var text = CloudInitSeed.UserData(DesiredVms.For("github.com/acme/vms"), "main", [], "0123abcd\"\nruncmd: [evil]");

        Assert.Contains(
            "write_files:\n  - path: \"/etc/reconciler/rdp-password\"\n    permissions: \"0600\"\n    content: \"0123abcd\\u0022\\nruncmd: [evil]\"\n",
            text,
            StringComparison.Ordinal);
        Assert.DoesNotContain("write_files", CloudInitSeed.UserData(DesiredVms.For("github.com/acme/vms"), "main", []), StringComparison.Ordinal);
    }
}
