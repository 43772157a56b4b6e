using System.Text.RegularExpressions;
using Reconciler.Core.Desired;

namespace Reconciler.Core.Tests.Desired;

public sealed partial class WorkspaceNamesTests
{
    [Fact]
    public void Name_has_repository_slug_workspace_slug_and_repository_hash()
        => Assert.Equal(
            "rc-ml-platform-gpu-dev-" + WorkspaceNames.RepositoryHash("github.com/Acme/ML_Platform.git"),
            WorkspaceNames.Base(new WorkspaceKey("github.com/Acme/ML_Platform.git", "GPU dev")));

    [Fact]
    public void Same_last_segment_in_two_repositories_gives_two_names()
        => Assert.NotEqual(
            WorkspaceNames.Base(new WorkspaceKey("github.com/acme/ml", "trainer")),
            WorkspaceNames.Base(new WorkspaceKey("github.com/other/ml", "trainer")));

    [Theory]
    [InlineData("github.com/acme/a-very-long-repository-name-that-goes-on-and-on-forever", "an-equally-long-workspace-name-for-good-measure")]
    [InlineData("local/Repo With Spaces", "w")]
    [InlineData("x/!!!", "???")]
    [InlineData("", "w")]
    public void Every_name_is_a_valid_docker_name_of_at_most_63_characters(string repository, string workspace)
    {
        var key = new WorkspaceKey(repository, workspace);

        foreach (var name in new[] { WorkspaceNames.Base(key), WorkspaceNames.WorkspaceVolume(key), WorkspaceNames.StorageVolume(key, "home") })
        {
            Assert.True(name.Length <= 63, name);
            Assert.Matches(ValidName(), name);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*[a-z0-9]$")]
    private static partial Regex ValidName();
}
