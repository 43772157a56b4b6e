using System.Text.RegularExpressions;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Docker.Naming;

namespace Reconciler.Runtime.Docker.Tests;

public sealed partial class DockerNamesTests
{
    [Fact]
    public void Container_name_has_slug_workspace_and_repository_hash()
        => Assert.Equal("rc-ml-platform-gpu-dev-" + DockerNames.RepositoryHash("github.com/Acme/ML_Platform.git"),
            DockerNames.Container(new WorkspaceKey("github.com/Acme/ML_Platform.git", "GPU dev")));

    [Fact]
    public void Same_last_segment_in_two_repositories_gives_two_names()
        => Assert.NotEqual(DockerNames.Container(new WorkspaceKey("github.com/a/app", "main")), DockerNames.Container(new WorkspaceKey("github.com/b/app", "main")));

    [Theory]
    [InlineData("github.com/acme/a-really-long-repository-name-that-goes-on-and-on-and-on", "an-equally-long-workspace-name-for-testing-limits")]
    [InlineData("x/!!!", "???")]
    [InlineData("", "w")]
    public void Names_are_valid_docker_names_of_at_most_63_characters(string repository, string workspace)
    {
        var name = DockerNames.Container(new WorkspaceKey(repository, workspace));

        Assert.True(name.Length <= 63, name);
        Assert.Matches(ValidName(), name);
        Assert.Matches(ValidName(), DockerNames.WorkspaceVolume(new WorkspaceKey(repository, workspace)));
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]+$")]
    private static partial Regex ValidName();
}
