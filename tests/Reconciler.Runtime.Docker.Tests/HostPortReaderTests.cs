using Docker.DotNet.Models;
using Reconciler.Core.Access;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Access;
using PortBinding = Reconciler.Core.Desired.PortBinding;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>What one list of every container says about host ports, seen from one workspace.</summary>
public sealed class HostPortReaderTests
{
    private static readonly WorkspaceKey Own = new("github.com/acme/ml", "dev");

    [Fact]
    public void Others_labels_and_published_ports_are_in_use_and_the_workspaces_own_label_is_kept_apart()
    {
        var containers = new[]
        {
            Managed(Own, "8888/tcp=32010", state: "exited"),
            Managed(new WorkspaceKey("github.com/acme/web", "site"), "22/tcp=32011", state: "exited"),
            Managed(new WorkspaceKey("github.com/acme/ml", "other"), "80/tcp=32012", state: "running", published: 32012),
            new ContainerListResponse { ID = "foreign", State = "running", Labels = new Dictionary<string, string>(), Ports = [new Port { PrivatePort = 5432, PublicPort = 32013, Type = "tcp" }, new Port { PrivatePort = 9, PublicPort = 0 }] },
        };

        var read = HostPortReader.Collect(Own, containers);

        Assert.Equal([32011, 32012, 32013], read.InUse.Order());
        Assert.Equal(new Dictionary<string, int> { ["8888/tcp"] = 32010 }, read.Own);
    }

    [Fact]
    public void The_assigner_keeps_fixed_ports_out_of_the_range_choice_and_labels_every_bound_port()
    {
        var desired = Reconciler.TestKit.DesiredWorkspaces.For("github.com/acme/ml", "dev");
        desired = desired with { Container = desired.Container with { Ports = [new PortBinding(22, null), new PortBinding(80, 32000)] } };

        var (bound, label) = HostPortAssigner.Assign(desired, new HostPortsInUse(new HashSet<int> { 32001 }, new Dictionary<string, int>()), new Dictionary<string, int>(), new HostPortRange(32000, 32002));

        Assert.Equal([32002, 32000], bound.Container.Ports.Select(p => p.HostPort!.Value));
        Assert.Equal("22/tcp=32002,80/tcp=32000", label);
    }

    private static ContainerListResponse Managed(WorkspaceKey key, string ports, string state, ushort published = 0) => new()
    {
        ID = key.Workspace,
        State = state,
        Labels = new Dictionary<string, string>
        {
            [OwnershipLabels.ManagedBy] = OwnershipLabels.ManagedByValue,
            [OwnershipLabels.Repository] = key.Repository,
            [OwnershipLabels.Workspace] = key.Workspace,
            [HostPortLabel.Key] = ports,
        },
        Ports = published == 0 ? [] : [new Port { PrivatePort = 80, PublicPort = published, Type = "tcp" }],
    };
}
