using System.Net;
using System.Net.Http.Headers;
using Reconciler.Core.State;
using Reconciler.TestKit.Git;

namespace Reconciler.Worker.Tests.Support;

/// <summary>
/// A running worker with two teams' repositories (<c>ml-research</c>: workspace <c>trainer</c>; <c>web-team</c>:
/// workspace <c>site</c>), three API tokens (admin, one per team) and a webhook secret, all read from environment
/// variables unique to this world. Every API answer is kept in <see cref="Bodies"/> for the secrets check.
/// </summary>
internal sealed class ApiWorld : IAsyncDisposable
{
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly List<string> _bodies = [];

    public WorkerWorld World { get; } = new();

    public string AdminToken { get; } = "adm-" + Guid.NewGuid().ToString("N");

    public string MlToken { get; } = "ml-" + Guid.NewGuid().ToString("N");

    public string WebToken { get; } = "web-" + Guid.NewGuid().ToString("N");

    public string WebhookSecret { get; } = "whsec-" + Guid.NewGuid().ToString("N");

    public string MlRepository { get; private set; } = "";

    public string WebRepository { get; private set; } = "";

    public IReadOnlyList<string> Secrets => [AdminToken, MlToken, WebToken, WebhookSecret];

    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (_bodies)
            {
                return [.. _bodies];
            }
        }
    }

    public string Variable(string name) => $"RC_TEST_{name}_{_suffix}";

    /// <summary>Starts the worker and waits until both workspaces report Ready.</summary>
    public async Task StartAsync(string extraConfig = "")
    {
        var (ml, mlIdentity) = World.CreateRepository("ml");
        var (web, webIdentity) = World.CreateRepository("web");
        (MlRepository, WebRepository) = (mlIdentity, webIdentity);
        Commit(ml, "ml-research", "trainer");
        Commit(web, "web-team", "site");
        Environment.SetEnvironmentVariable(Variable("ADMIN"), AdminToken);
        Environment.SetEnvironmentVariable(Variable("ML"), MlToken);
        Environment.SetEnvironmentVariable(Variable("WEB"), WebToken);
        Environment.SetEnvironmentVariable(Variable("HOOK"), WebhookSecret);
        await World.StartAsync($$"""
            version: 1
            repositories:
              - { url: {{ml.Url}}, pollInterval: 1h }
              - { url: {{web.Url}}, pollInterval: 1h }
            server: { listen: "http://127.0.0.1:0" }
            webhooks: { secretEnv: {{Variable("HOOK")}} }
            worker: { resyncInterval: 1h, shutdownTimeout: 10s }
            api:
              tokens:
                - { name: ci, role: admin, tokenEnv: {{Variable("ADMIN")}} }
                - { name: ml, role: team, team: ml-research, tokenEnv: {{Variable("ML")}} }
                - { name: web, role: team, team: web-team, tokenEnv: {{Variable("WEB")}} }
            {{extraConfig}}
            """);
        await World.EventuallyAsync(
            async () => (await World.Store.ListWorkspaceStatusesAsync(WorkspaceStatusQuery.All, CancellationToken.None)).Count(w => w.Condition(WorkspaceConditionType.Ready)?.Status == true) == 2,
            TimeSpan.FromSeconds(60),
            "both workspaces are ready");
    }

    public Task<(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)> GetAsync(string path, string? token)
        => SendAsync(HttpMethod.Get, path, token);

    public async Task<(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)> SendAsync(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, new Uri(World.Address, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await World.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        lock (_bodies)
        {
            _bodies.Add(body);
        }

        return (response.StatusCode, body, response.Headers);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in new[] { "ADMIN", "ML", "WEB", "HOOK" })
        {
            Environment.SetEnvironmentVariable(Variable(name), null);
        }

        await World.DisposeAsync();
    }

    private static void Commit(WorkRepository work, string team, string workspace)
    {
        work.Write(Files.WorkspaceFile, $"version: 1\ndefaults: {{ team: {team}, owner: alice }}\nworkspaces:\n  - name: {workspace}\n");
        work.Write(Files.DevcontainerFile, Files.Devcontainer(team));
        work.CommitAndPush("add " + workspace);
    }
}
