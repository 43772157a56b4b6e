using System.Net;
using System.Text;
using System.Text.Json;
using Reconciler.Core.Desired;
using Reconciler.Core.State;
using Reconciler.TestKit;
using Reconciler.Worker.Tests.Support;

namespace Reconciler.Worker.Tests;

/// <summary>
/// The real worker converges a <c>deployment: vm</c> desktop workspace on a libvirt host from its configuration (real
/// KVM; a blank base image the test makes), and <c>GET /api/vnc/…</c> hands its VNC password to the team's token and
/// the admin only. The password is in no log line, no other API answer, and not in the worker database.
/// </summary>
public sealed class VmApiTests : IAsyncLifetime
{
    private readonly WorkerWorld _world = new();
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
    private readonly string _deskToken = "desk-" + Guid.NewGuid().ToString("N");
    private readonly string _otherToken = "other-" + Guid.NewGuid().ToString("N");
    private readonly string _adminToken = "adm-" + Guid.NewGuid().ToString("N");
    private string _domain = "";

    [Fact]
    public async Task A_desktop_vm_runs_and_only_its_team_and_the_admin_get_its_VNC_password()
    {
        var (work, identity) = _world.CreateRepository("vm");
        _domain = WorkspaceNames.Base(new WorkspaceKey(identity, "desk"));
        var folder = Path.GetDirectoryName(_world.ConfigPath)!;
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        VirshTool.CreateBlankImage(Path.Combine(folder, "images", "blank.qcow2"));
        work.Write(Files.WorkspaceFile, """
            version: 1
            defaults: { team: desk-team, owner: alice }
            workspaces:
              - name: desk
                deployment: vm
                host: kvm
                type: desktop
                resources: { memory: 64Mi }
            """);
        work.Write(Files.DevcontainerFile, """{ "image": "blank.qcow2" }""");
        work.CommitAndPush("add a desktop VM");
        Environment.SetEnvironmentVariable(Var("DESK"), _deskToken);
        Environment.SetEnvironmentVariable(Var("OTHER"), _otherToken);
        Environment.SetEnvironmentVariable(Var("ADMIN"), _adminToken);

        await _world.StartAsync($$"""
            version: 1
            repositories:
              - { url: {{work.Url}}, pollInterval: 1h }
            server: { listen: "http://127.0.0.1:0" }
            worker: { resyncInterval: 1h, shutdownTimeout: 10s }
            runtimes:
              libvirt:
                kvm: { imageDir: images, storageDir: vms, shutdownTimeoutSeconds: 1 }
            api:
              tokens:
                - { name: ci, role: admin, tokenEnv: {{Var("ADMIN")}} }
                - { name: desk, role: team, team: desk-team, tokenEnv: {{Var("DESK")}} }
                - { name: other, role: team, team: other-team, tokenEnv: {{Var("OTHER")}} }
            """);
        await _world.EventuallyAsync(
            async () => (await _world.Store.GetWorkspaceStatusAsync(new WorkspaceKey(identity, "desk"), CancellationToken.None))?.Condition(WorkspaceConditionType.Ready)?.Status == true,
            TimeSpan.FromSeconds(60),
            "the VM workspace is ready");
        Assert.Contains("running", VirshTool.Run("domstate", _domain), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder, "vms", _domain + ".qcow2")));

        var own = await GetAsync($"/api/vnc/{identity}/desk", _deskToken);
        var admin = await GetAsync($"/api/vnc/{identity}/desk", _adminToken);
        var other = await GetAsync($"/api/vnc/{identity}/desk", _otherToken);
        var anonymous = await GetAsync($"/api/vnc/{identity}/desk", null);
        var status = await GetAsync($"/api/workspaces/{identity}/desk", _deskToken);

        Assert.Equal(HttpStatusCode.OK, own.Status);
        using var json = JsonDocument.Parse(own.Body);
        var password = json.RootElement.GetProperty("password").GetString()!;
        Assert.Contains($"passwd='{password}'", VirshTool.Run("dumpxml", "--security-info", _domain), StringComparison.Ordinal);
        Assert.Equal(("kvm", "127.0.0.1"), (json.RootElement.GetProperty("host").GetString(), json.RootElement.GetProperty("listen").GetString()));
        Assert.True(json.RootElement.GetProperty("port").GetInt32() >= 5900);
        Assert.Equal("no-store", own.CacheControl);
        Assert.Equal((HttpStatusCode.OK, own.Body), (admin.Status, admin.Body));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.Unauthorized), (other.Status, anonymous.Status));
        Assert.DoesNotContain(password, other.Body + anonymous.Body + status.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(password, _world.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(password, Encoding.UTF8.GetString(_world.DatabaseBytes()), StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _world.DisposeAsync();
        foreach (var name in new[] { "DESK", "OTHER", "ADMIN" })
        {
            Environment.SetEnvironmentVariable(Var(name), null);
        }

        if (_domain.Length > 0)
        {
            VirshTool.Try("destroy", _domain);
            VirshTool.Try("undefine", _domain);
        }
    }

    private string Var(string name) => $"RC_TEST_VM_{name}_{_suffix}";

    private async Task<(HttpStatusCode Status, string Body, string? CacheControl)> GetAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_world.Address, path));
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _world.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.CacheControl?.ToString());
    }

}
