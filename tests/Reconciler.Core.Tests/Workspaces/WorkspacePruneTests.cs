using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Workspaces;

public sealed class WorkspacePruneTests
{
    [Fact]
    public void Volumes_are_kept_unless_the_file_asks_for_pruning()
    {
        Assert.False(Workspace.Parse("version: 1").PruneVolumes);
        Assert.False(Workspace.Parse("version: 1", "prune: { volumes: false }").PruneVolumes);
        Assert.True(Workspace.Parse("version: 1", "prune: { volumes: true }").PruneVolumes);
    }

    [Fact]
    public void Prune_takes_a_boolean()
    {
        var error = Workspace.Error(DiagnosticCodes.WrongType, "version: 1", "prune:", "  volumes: yes");

        Yaml.AssertAt(error, 3, 12);
        Assert.Contains("expected true or false", error.Message);
    }
}
