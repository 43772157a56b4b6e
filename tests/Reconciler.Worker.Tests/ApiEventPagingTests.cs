using System.Net;
using System.Text.Json;
using Reconciler.Core.State;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// <c>GET /api/events</c> pages through the audit log in id order with <c>since</c> (an id or a time) and
/// <c>limit</c>; a team token sees only events of its team's workspaces.
/// </summary>
public sealed class ApiEventPagingTests : IAsyncLifetime
{
    private readonly ApiWorld _api = new();

    [Fact]
    public async Task Events_page_by_id_and_time_and_a_team_sees_only_its_workspaces_events()
    {
        await _api.StartAsync();
        foreach (var repository in new[] { _api.MlRepository, _api.WebRepository, _api.MlRepository })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await _api.SendAsync(HttpMethod.Post, $"/api/repositories/{repository}/sync", _api.AdminToken)).Status);
        }

        var all = await _api.World.Store.ListEventsAsync(new AuditEventQuery(Limit: AuditEventQuery.MaxLimit), CancellationToken.None);
        Assert.True(all.Count >= 5, "a create event per repository and three sync requests");

        var paged = new List<long>();
        long? since = 0;
        for (var page = 0; page < 100; page++)
        {
            var (events, next) = await PageAsync($"/api/events?since={since}&limit=1", _api.AdminToken);
            if (events.Count == 0)
            {
                Assert.Equal(since, next);
                break;
            }

            Assert.Single(events);
            paged.Add(events[0].GetProperty("id").GetInt64());
            since = next;
        }

        Assert.Equal(all.Select(e => e.Id), paged);

        var third = all[2];
        var (fromTime, _) = await PageAsync("/api/events?limit=1000&since=" + Uri.EscapeDataString(third.Time.ToString("O")), _api.AdminToken);
        Assert.Equal(all.Where(e => e.Time >= third.Time).Select(e => e.Id), fromTime.Select(e => e.GetProperty("id").GetInt64()));

        var (ml, _) = await PageAsync("/api/events?limit=1000", _api.MlToken);
        Assert.NotEmpty(ml);
        Assert.All(ml, e => Assert.Equal((_api.MlRepository, "trainer"), (e.GetProperty("repository").GetString(), e.GetProperty("workspace").GetString())));
        Assert.Equal(all.Count(e => e.Workspace == "trainer"), ml.Count);

        Assert.Equal(HttpStatusCode.BadRequest, (await _api.GetAsync("/api/events?limit=0", _api.AdminToken)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.GetAsync("/api/events?since=yesterday", _api.AdminToken)).Status);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<(List<JsonElement> Events, long? Next)> PageAsync(string path, string token)
    {
        var (status, body, _) = await _api.GetAsync(path, token);
        Assert.Equal(HttpStatusCode.OK, status);
        var root = JsonDocument.Parse(body).RootElement;
        var next = root.GetProperty("next");
        return ([.. root.GetProperty("events").EnumerateArray()], next.ValueKind == JsonValueKind.Null ? null : next.GetInt64());
    }
}
