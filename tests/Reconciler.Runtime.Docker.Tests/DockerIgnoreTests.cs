using Reconciler.Core.Builds;

namespace Reconciler.Runtime.Docker.Tests;

/// <summary>Docker's .dockerignore rules (moby/patternmatcher), checked against the cases its own tests use.</summary>
public sealed class DockerIgnoreTests
{
    [Theory]
    [InlineData("*.log", "a.log", true)]
    [InlineData("*.log", "dir/a.log", false)]
    [InlineData("**/*.log", "dir/sub/a.log", true)]
    [InlineData("**/*.log", "a.log", true)]
    [InlineData("/build", "build/out/x.bin", true)]
    [InlineData("build", "src/build", false)]
    [InlineData("dir/**", "dir/a/b", true)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "a/c", false)]
    [InlineData("docs/*.md", "docs/sub/x.md", false)]
    [InlineData("./secret", "secret", true)]
    [InlineData("[a-c].txt", "b.txt", true)]
    [InlineData("[a-c].txt", "d.txt", false)]
    [InlineData("# comment", "# comment", false)]
    [InlineData("a.txt", "a_txt", false)]
    public void Single_pattern(string pattern, string path, bool excluded)
        => Assert.Equal(excluded, DockerIgnore.Parse(pattern).IsExcluded(path));

    [Theory]
    [InlineData("logs/keep.log", false)]
    [InlineData("logs/drop.log", true)]
    [InlineData("logs/sub/keep.log", true)]
    [InlineData("app.txt", false)]
    public void Exceptions_and_last_match_wins(string path, bool excluded)
        => Assert.Equal(excluded, DockerIgnore.Parse("logs\n!logs/keep.log\n").IsExcluded(path));

    [Fact]
    public void A_later_pattern_excludes_again()
        => Assert.True(DockerIgnore.Parse("*.md\n!README.md\nREADME.md\n").IsExcluded("README.md"));
}
