using Reconciler.GitHub.Tests.Support;
using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.GitHub.Tests.Parsing;

/// <summary>Field values read from the push fixtures, compared with the files' own content.</summary>
public sealed class PushFixtureTests
{
    [Fact]
    public async Task A_new_branch_push_carries_repository_branch_sha_and_head_commit()
    {
        var deliveries = new Deliveries();

        await deliveries.SendAsync("push", Deliveries.Fixture("push", "with-new-branch.payload.json"));

        var push = Assert.Single(deliveries.Sinks.Pushes);
        Assert.Equal("Codertocat/Hello-World", push.Repository.FullName);
        Assert.Equal(new Uri("https://github.com/Codertocat/Hello-World.git"), push.Repository.CloneUrl);
        Assert.Equal(new Uri("https://github.com/Codertocat/Hello-World"), push.Repository.HtmlUrl);
        Assert.Equal("github.com/Codertocat/Hello-World", push.Repository.Identity);
        Assert.Equal("refs/heads/master", push.Ref);
        Assert.Equal("master", push.Branch);
        Assert.Null(push.Tag);
        Assert.Equal("6113728f27ae82c7b1a177c8d03f9e96e0adf246", push.After);
        Assert.Equal("0000000000000000000000000000000000000000", push.Before);
        Assert.False(push.Deleted);
        Assert.True(push.Created);
        Assert.False(push.Forced);
        Assert.Equal(new GitActor("Codertocat", "21031067+Codertocat@users.noreply.github.com"), push.Pusher);
        Assert.Equal("Codertocat", push.SenderLogin);

        var commit = Assert.IsType<HeadCommit>(push.HeadCommit);
        Assert.Equal("6113728f27ae82c7b1a177c8d03f9e96e0adf246", commit.Id);
        Assert.Equal("Initial commit", commit.Message);
        Assert.Equal(new DateTimeOffset(2019, 5, 15, 15, 19, 25, TimeSpan.Zero), commit.Timestamp);
        Assert.Equal(new GitActor("Codertocat", "21031067+Codertocat@users.noreply.github.com"), commit.Author);
        Assert.Equal(new GitActor("Codertocat", "21031067+Codertocat@users.noreply.github.com"), commit.Committer);
    }

    [Fact]
    public async Task A_deleted_tag_is_passed_on_with_the_flag_and_no_head_commit()
    {
        var deliveries = new Deliveries();

        var response = await deliveries.SendAsync("push", Deliveries.Fixture("push", "payload.json"));

        Assert.Equal(202, response.StatusCode);
        var push = Assert.Single(deliveries.Sinks.Pushes);
        Assert.True(push.Deleted);
        Assert.Equal("refs/tags/simple-tag", push.Ref);
        Assert.Equal("simple-tag", push.Tag);
        Assert.Null(push.Branch);
        Assert.Equal("0000000000000000000000000000000000000000", push.After);
        Assert.Equal("6113728f27ae82c7b1a177c8d03f9e96e0adf246", push.Before);
        Assert.Null(push.HeadCommit);
        Assert.Equal("Codertocat/Hello-World", push.Repository.FullName);
    }

    [Fact]
    public async Task A_committer_without_username_still_reads_name_and_email()
    {
        var deliveries = new Deliveries();

        await deliveries.SendAsync("push", Deliveries.Fixture("push", "with-no-username-committer.payload.json"));

        var push = Assert.Single(deliveries.Sinks.Pushes);
        Assert.Equal(new GitActor("Codertocat", "21031067+Codertocat@users.noreply.github.com"), push.HeadCommit!.Committer);
    }
}
