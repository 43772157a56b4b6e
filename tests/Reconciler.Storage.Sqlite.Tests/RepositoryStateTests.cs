using Reconciler.Core.State;
using Reconciler.Storage.Sqlite.Tests.Support;

namespace Reconciler.Storage.Sqlite.Tests;

public sealed class RepositoryStateTests
{
    [Fact]
    public async Task Repository_state_round_trips_and_an_upsert_replaces_it()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var seenAt = new DateTimeOffset(2025, 3, 1, 10, 15, 30, 123, TimeSpan.FromHours(8)).AddTicks(4567);
        var state = new RepositoryState(Some.Repository, "https://github.com/acme/ml.git", "aaa111", seenAt, null, null, "fetch failed");

        await store.UpsertRepositoryAsync(state, CancellationToken.None);
        var read = await store.GetRepositoryAsync(Some.Repository, CancellationToken.None);

        Assert.Equal(state, read);
        Assert.Equal(TimeSpan.Zero, read!.LastSeenAt!.Value.Offset);

        var applied = state with { LastAppliedCommit = "aaa111", LastAppliedAt = seenAt.AddMinutes(1), LastError = null };
        await store.UpsertRepositoryAsync(applied, CancellationToken.None);

        Assert.Equal(applied, await store.GetRepositoryAsync(Some.Repository, CancellationToken.None));
        Assert.Null(await store.GetRepositoryAsync("github.com/acme/other", CancellationToken.None));
    }

    [Fact]
    public async Task Repositories_are_listed_by_identity()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        foreach (var name in new[] { "github.com/b/x", "github.com/a/y", "github.com/c/z" })
        {
            await store.UpsertRepositoryAsync(new RepositoryState(name, $"https://{name}.git"), CancellationToken.None);
        }

        var listed = await store.ListRepositoriesAsync(CancellationToken.None);

        Assert.Equal(["github.com/a/y", "github.com/b/x", "github.com/c/z"], listed.Select(r => r.Repository));
    }

    [Theory]
    [InlineData("https://x-access-token:ghs_abcdefghijklmnopqrstuvwxyz@github.com/acme/ml.git")]
    [InlineData("https://oauth2@gitlab.example.com/acme/ml.git")]
    public async Task A_url_with_credentials_is_never_stored(string url)
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => store.UpsertRepositoryAsync(new RepositoryState(Some.Repository, url), CancellationToken.None));

        Assert.Contains("credentials", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, db.Scalar<long>("SELECT count(*) FROM repositories;"));
    }

    [Fact]
    public async Task A_token_echoed_in_an_error_is_masked_before_it_is_written()
    {
        using var db = new TestDatabase();
        using var store = await db.OpenAsync();
        var error = "fatal: unable to access 'https://bot:ghp_0123456789abcdefghijABCDEFGHIJ@github.com/acme/ml.git/': 403; Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload";

        await store.UpsertRepositoryAsync(new RepositoryState(Some.Repository, "https://github.com/acme/ml.git", LastError: error), CancellationToken.None);

        var stored = db.Scalar<string>("SELECT last_error FROM repositories;");
        Assert.DoesNotContain("ghp_", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJhbGci", stored, StringComparison.Ordinal);
        Assert.Contains("https://***@github.com/acme/ml.git", stored, StringComparison.Ordinal);
        Assert.Contains("Bearer ***", stored, StringComparison.Ordinal);
    }
}
