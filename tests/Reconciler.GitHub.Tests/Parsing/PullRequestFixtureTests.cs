using System.Text;
using Reconciler.GitHub.Tests.Support;
using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.GitHub.Tests.Parsing;

/// <summary>Field values read from the pull_request and ping fixtures.</summary>
public sealed class PullRequestFixtureTests
{
    [Theory]
    [InlineData("opened.with-organization.payload.json", "opened")]
    [InlineData("synchronize.payload.json", "synchronize")]
    [InlineData("closed.payload.json", "closed")]
    [InlineData("reopened.payload.json", "reopened")]
    public async Task Reads_action_number_head_base_and_sender(string file, string action)
    {
        var deliveries = new Deliveries();

        await deliveries.SendAsync("pull_request", Deliveries.Fixture("pull_request", file));

        var pr = Assert.Single(deliveries.Sinks.PullRequests);
        Assert.Equal(action, pr.Action);
        Assert.Equal(2, pr.Number);
        Assert.Equal("ec26c3e57ca3a959ca5aad62de7213c562f8c821", pr.Head.Sha);
        Assert.Equal("changes", pr.Head.Ref);
        Assert.Equal("Codertocat/Hello-World", pr.Head.Repository!.FullName);
        Assert.Equal(new Uri("https://github.com/Codertocat/Hello-World.git"), pr.Head.Repository.CloneUrl);
        Assert.Equal("master", pr.Base.Ref);
        Assert.Equal("f95f852bd8fca8fcc58a9a2d6c842781e32a215e", pr.Base.Sha);
        Assert.Equal("Codertocat/Hello-World", pr.Base.Repository.FullName);
        Assert.False(pr.IsFork);
        Assert.False(pr.Merged);
        Assert.Equal("Codertocat", pr.SenderLogin);
    }

    [Fact]
    public async Task A_head_in_another_repository_is_a_fork()
    {
        var body = Encoding.UTF8.GetString(Deliveries.Fixture("pull_request", "opened.with-null-body.json"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        json["pull_request"]!["head"]!["repo"]!["full_name"] = "mallory/Hello-World";
        var deliveries = new Deliveries();

        await deliveries.SendAsync("pull_request", json.ToJsonString());

        var pr = Assert.Single(deliveries.Sinks.PullRequests);
        Assert.True(pr.IsFork);
        Assert.Equal("mallory/Hello-World", pr.Head.Repository!.FullName);
    }

    [Fact]
    public async Task A_head_whose_repository_was_deleted_counts_as_a_fork()
    {
        var body = Encoding.UTF8.GetString(Deliveries.Fixture("pull_request", "closed.payload.json"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        json["pull_request"]!["head"]!["repo"] = null;
        var deliveries = new Deliveries();

        await deliveries.SendAsync("pull_request", json.ToJsonString());

        var pr = Assert.Single(deliveries.Sinks.PullRequests);
        Assert.Null(pr.Head.Repository);
        Assert.True(pr.IsFork);
    }

    [Fact]
    public async Task A_merged_pull_request_says_so()
    {
        var body = Encoding.UTF8.GetString(Deliveries.Fixture("pull_request", "closed.payload.json"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        json["pull_request"]!["merged"] = true;
        var deliveries = new Deliveries();

        await deliveries.SendAsync("pull_request", json.ToJsonString());

        Assert.True(Assert.Single(deliveries.Sinks.PullRequests).Merged);
    }

    [Fact]
    public async Task A_ping_answers_200_with_zen_and_hook_id_and_reaches_no_sink()
    {
        var deliveries = new Deliveries();

        var response = await deliveries.SendAsync("ping", Deliveries.Fixture("ping", "payload.json"));

        Assert.Equal(200, response.StatusCode);
        var ping = Assert.IsType<PingEvent>(response.Event);
        Assert.Equal("Anything added dilutes everything else.", ping.Zen);
        Assert.Equal(109948940, ping.HookId);
        Assert.Equal("Octocoders/Hello-World", ping.RepositoryFullName);
        Assert.Equal(0, deliveries.Sinks.Calls);
    }

    [Fact]
    public async Task An_organization_ping_has_no_repository()
    {
        var response = await new Deliveries().SendAsync("ping", Deliveries.Fixture("ping", "with-organization.payload.json"));

        Assert.Null(Assert.IsType<PingEvent>(response.Event).RepositoryFullName);
    }
}
