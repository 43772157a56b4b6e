using Reconciler.GitHub.Tests.Support;

namespace Reconciler.GitHub.Tests.Handling;

public sealed class LoggingTests
{
    [Fact]
    public async Task Neither_the_secret_nor_the_signature_is_ever_logged()
    {
        var deliveries = new Deliveries();
        var push = Deliveries.Fixture("push", "with-new-branch.payload.json");
        var signature = Deliveries.SignatureOf(push);
        deliveries.Sinks.FailNext = true;

        await deliveries.SendAsync("push", push);
        await deliveries.SendAsync("push", push, signature: Deliveries.SignatureOf(push, "wrong"));
        await deliveries.SendAsync("push", "{\"ref\": {}}");
        await deliveries.SendAsync("push", push);
        deliveries.Secrets = [];
        await deliveries.SendAsync("push", push);

        Assert.True(deliveries.Logger.Entries.Count >= 5);
        foreach (var entry in deliveries.Logger.Entries)
        {
            Assert.DoesNotContain(Deliveries.Secret, entry, StringComparison.Ordinal);
            Assert.DoesNotContain(signature[7..], entry, StringComparison.Ordinal);
        }
    }
}
