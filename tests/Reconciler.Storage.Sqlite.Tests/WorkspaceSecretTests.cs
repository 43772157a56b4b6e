using System.Security.Cryptography;
using System.Text;
using Reconciler.Storage.Sqlite.Secrets;
using Reconciler.Storage.Sqlite.Tests.Support;

namespace Reconciler.Storage.Sqlite.Tests;

/// <summary>Generated secrets are sealed at rest, stable while the key is, and regenerated (never read) under another key.</summary>
public sealed class WorkspaceSecretTests
{
    private static SecretBox NewBox() => new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_token_is_128_bits_stable_across_reads_and_never_in_the_database_file_in_plaintext()
    {
        using var db = new TestDatabase();
        string token;
        using (var store = await db.OpenAsync())
        {
            var secrets = new WorkspaceSecretStore(store, NewBox());
            token = await secrets.GetOrCreateAsync(Some.Key(), "jupyter", CancellationToken.None);
            Assert.Equal(token, await secrets.GetOrCreateAsync(Some.Key(), "jupyter", CancellationToken.None));
        }

        Assert.Matches("^[0-9a-f]{32}$", token);
        Assert.Equal(1L, db.Scalar<long>("SELECT count(*) FROM workspace_secrets;"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = ReadAllFiles(db.Path);
        Assert.DoesNotContain(token, Encoding.ASCII.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, Convert.ToHexString(bytes), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Another_key_regenerates_the_token_and_rotation_replaces_it()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var first = await new WorkspaceSecretStore(store, NewBox()).GetOrCreateAsync(Some.Key(), "jupyter", CancellationToken.None);
        var box = NewBox();
        var secrets = new WorkspaceSecretStore(store, box);

        var regenerated = await secrets.GetOrCreateAsync(Some.Key(), "jupyter", CancellationToken.None);
        var rotated = await secrets.RotateAsync(Some.Key(), "jupyter", CancellationToken.None);

        Assert.NotEqual(first, regenerated);
        Assert.NotEqual(regenerated, rotated);
        Assert.Equal(rotated, await secrets.GetOrCreateAsync(Some.Key(), "jupyter", CancellationToken.None));
        Assert.Equal(box.KeyId, db.Scalar<string>("SELECT key_id FROM workspace_secrets;"));
    }

    [Fact]
    public async Task A_sealed_value_opens_only_for_its_own_row_and_deleting_the_workspace_deletes_its_secrets()
    {
        var box = NewBox();
        var sealedValue = box.Seal("abc", "repo\nws\njupyter");
        Assert.Equal("abc", box.Open(sealedValue, "repo\nws\njupyter"));
        Assert.Null(box.Open(sealedValue, "repo\nother\njupyter"));
        Assert.Null(NewBox().Open(sealedValue, "repo\nws\njupyter"));

        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        await new WorkspaceSecretStore(store, box).GetOrCreateAsync(Some.Key(), "jupyter", CancellationToken.None);
        await store.DeleteWorkspaceStatusAsync(Some.Key(), CancellationToken.None);
        Assert.Equal(0L, db.Scalar<long>("SELECT count(*) FROM workspace_secrets;"));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==")] // 31 bytes
    public void Keys_that_are_not_32_bytes_are_refused(string text) => Assert.Null(SecretBox.FromText(text));

    [Fact]
    public void Keys_read_as_base64_or_hex()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        Assert.Equal(new SecretBox(key).KeyId, SecretBox.FromText(Convert.ToBase64String(key))!.KeyId);
        Assert.Equal(new SecretBox(key).KeyId, SecretBox.FromText(Convert.ToHexString(key))!.KeyId);
    }

    private static byte[] ReadAllFiles(string path)
        => [.. new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists).SelectMany(File.ReadAllBytes)];
}
