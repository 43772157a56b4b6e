using Reconciler.Core.Queue;

namespace Reconciler.Core.Tests.Queue;

public sealed class ReconcileKeyTests
{
    [Fact]
    public void Prints_repository_or_repository_slash_workspace()
    {
        Assert.Equal("acme/api", new ReconcileKey("acme/api").ToString());
        Assert.Equal("acme/api/web", new ReconcileKey("acme/api", "web").ToString());
    }

    [Fact]
    public void Equal_by_value()
    {
        Assert.Equal(new ReconcileKey("r", "w"), new ReconcileKey("r", "w"));
        Assert.NotEqual(new ReconcileKey("r"), new ReconcileKey("r", "w"));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData(" ", null)]
    [InlineData("r", "")]
    public void Rejects_blank_names(string repository, string? workspace)
        => Assert.ThrowsAny<ArgumentException>(() => new ReconcileKey(repository, workspace));
}
