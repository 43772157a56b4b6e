using Reconciler.Storage.Sqlite.Previews;
using Reconciler.Storage.Sqlite.Tests.Support;

namespace Reconciler.Storage.Sqlite.Tests;

/// <summary>Preview expiry times survive reopening the file (a worker restart); setting again replaces, forgetting deletes.</summary>
public sealed class PreviewExpiryTests
{
    [Fact]
    public async Task Expiry_times_are_read_back_after_the_file_is_reopened()
    {
        using var db = new TestDatabase();
        var at = new DateTimeOffset(2026, 11, 23, 20, 0, 0, TimeSpan.Zero);
        using (var store = await db.OpenAsync())
        {
            var expiries = new PreviewExpiryStore(store);
            await expiries.SetAsync(new PreviewExpiry("github.com/acme/ml", 7, at), CancellationToken.None);
            await expiries.SetAsync(new PreviewExpiry("github.com/acme/ml", 8, at), CancellationToken.None);
            await expiries.SetAsync(new PreviewExpiry("github.com/acme/ml", 7, at.AddDays(3)), CancellationToken.None);
            await expiries.SetAsync(new PreviewExpiry("github.com/acme/web", 1, at.AddMinutes(5)), CancellationToken.None);
            await expiries.ForgetAsync("github.com/acme/ml", 8, CancellationToken.None);
        }

        using var reopened = await db.OpenAsync();
        Assert.Equal(
            [new PreviewExpiry("github.com/acme/ml", 7, at.AddDays(3)), new PreviewExpiry("github.com/acme/web", 1, at.AddMinutes(5))],
            await new PreviewExpiryStore(reopened).ListAsync(CancellationToken.None));
    }
}
