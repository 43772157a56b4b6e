using Reconciler.Core.Desired;

namespace Reconciler.Core.Tests.Desired;

public sealed class WorkspaceNamesTests
{
    [Fact]
    public void Names_are_readable_and_distinguish_repositories_with_the_same_name()
    {
        var a = WorkspaceNames.Base(new WorkspaceKey("github.com/acme/ml", "trainer"));
        var b = WorkspaceNames.Base(new WorkspaceKey("github.com/other/ml", "trainer"));

        Assert.StartsWith("rc-ml-trainer-", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("github.com/acme/a-very-long-repository-name-that-goes-on-and-on-forever", "an-equally-long-workspace-name-for-good-measure")]
    [InlineData("local/Repo With Spaces", "w")]
    public void Volume_names_stay_within_a_dns_label(string repository, string workspace)
    {
        var name = WorkspaceNames.WorkspaceVolume(new WorkspaceKey(repository, workspace));

        Assert.True(name.Length <= 63, name);
        Assert.Matches("^[a-z0-9][a-z0-9-]*[a-z0-9]$", name);
    }
}
