using Reconciler.TestKit;

namespace Reconciler.Source.FileSystem.Tests;

/// <summary>Identity and commit of a local checkout come from .git, with credentials never kept.</summary>
public sealed class CheckoutIdentityTests : IDisposable
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private readonly TempDirectory _repo = new("repo");

    [Fact]
    public void Origin_url_is_normalised_and_credentials_are_dropped()
    {
        _repo.Write(".git/HEAD", "ref: refs/heads/main\n");
        _repo.Write(".git/config", "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = https://x-access-token:ghp_SECRET@github.com/acme/ml.git\n");

        var content = new LocalCheckoutContent(_repo.Path);

        Assert.Equal("github.com/acme/ml", content.Identity);
        Assert.DoesNotContain("SECRET", content.Identity, StringComparison.Ordinal);
    }

    [Fact]
    public void Head_is_read_from_a_loose_ref_or_packed_refs()
    {
        _repo.Write(".git/HEAD", "ref: refs/heads/main\n");
        _repo.Write(".git/packed-refs", $"# pack-refs with: peeled fully-peeled sorted\n{Sha} refs/heads/main\n");

        Assert.Equal(Sha, new LocalCheckoutContent(_repo.Path).Commit);

        _repo.Write(".git/refs/heads/main", Sha.Replace('0', 'f') + "\n");
        Assert.Equal(Sha.Replace('0', 'f'), new LocalCheckoutContent(_repo.Path).Commit);
    }

    [Fact]
    public void A_folder_without_git_is_local_and_working_tree()
    {
        var content = new LocalCheckoutContent(_repo.Path);

        Assert.Equal("local/" + Path.GetFileName(_repo.Path), content.Identity);
        Assert.Equal("working-tree", content.Commit);
    }

    [Fact]
    public void A_missing_folder_is_a_clear_error()
        => Assert.Throws<DirectoryNotFoundException>(() => new LocalCheckoutContent(Path.Combine(_repo.Path, "nope")));

    public void Dispose() => _repo.Dispose();
}
