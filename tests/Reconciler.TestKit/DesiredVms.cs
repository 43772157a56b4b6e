using System.Globalization;
using Reconciler.Core.Desired;
using Reconciler.Core.Workspaces;

namespace Reconciler.TestKit;

/// <summary>Hand-built <c>deployment: vm</c> workspaces for the libvirt adapter tests and their crash probe.</summary>
public static class DesiredVms
{
    public const string BaseImage = "blank.qcow2";

    /// <summary>64 MiB: enough for a KVM guest sitting in its firmware.</summary>
    public const long Memory = 64L << 20;

    public static DesiredWorkspace For(string repository, string workspace = "main", long memory = Memory, string image = BaseImage, WorkspaceType type = WorkspaceType.Ide)
    {
        var desired = DesiredWorkspaces.For(repository, workspace, image);
        desired = desired with
        {
            Spec = desired.Spec with { Deployment = DeploymentKind.Vm, Type = type },
            Container = desired.Container with { MemoryBytes = memory },
        };
        return desired
            .WithField("resources.memory", memory.ToString(CultureInfo.InvariantCulture))
            .WithField("type", WorkspaceVocabulary.ToYaml(type));
    }
}
