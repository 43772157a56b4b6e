using Reconciler.GitHub.Tests.Support;
using Reconciler.GitHub.Webhooks;
using Reconciler.GitHub.Webhooks.Events;
using Reconciler.TestKit;

namespace Reconciler.GitHub.Tests.Handling;

/// <summary>Every real payload under <c>shared/fixtures/webhooks/&lt;event&gt;/</c>, signed at test time, is accepted.</summary>
public sealed class FixtureDeliveryTests
{
    public static TheoryData<string, string> AllFixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in Directory.GetDirectories(TestPaths.Fixture("webhooks")).Order(StringComparer.Ordinal))
        {
            foreach (var file in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(folder), Path.GetFileName(file));
            }
        }

        return data;
    }

    [Fact]
    public void The_fixture_folder_holds_the_events_the_worker_acts_on()
    {
        var events = AllFixtures().Select(row => (string)row[0]).ToHashSet();

        Assert.Contains("push", events);
        Assert.Contains("pull_request", events);
        Assert.Contains("ping", events);
    }

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public async Task Each_fixture_signed_at_test_time_is_accepted_and_routed(string eventName, string file)
    {
        var deliveries = new Deliveries();

        var response = await deliveries.SendAsync(eventName, Deliveries.Fixture(eventName, file));

        var (status, result, type) = eventName switch
        {
            "ping" => (200, WebhookResult.Pong, typeof(PingEvent)),
            "push" => (202, WebhookResult.Accepted, typeof(PushEvent)),
            "pull_request" => (202, WebhookResult.Accepted, typeof(PullRequestEvent)),
            _ => (202, WebhookResult.Ignored, typeof(UnknownEvent)),
        };
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(result, response.Result);
        Assert.IsType(type, response.Event);
        Assert.Equal(eventName, response.Event!.Name);
        Assert.Equal(eventName == "push" ? 1 : 0, deliveries.Sinks.Pushes.Count);
        Assert.Equal(eventName == "pull_request" ? 1 : 0, deliveries.Sinks.PullRequests.Count);
        Assert.Equal(1, deliveries.Handler.Counters[result]);
    }
}
