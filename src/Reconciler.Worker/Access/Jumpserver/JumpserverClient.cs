using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Reconciler.Worker.Access.Jumpserver;

/// <summary>
/// The few Jumpserver REST calls Reconciler makes (assets API v1): host assets, users by name, asset permissions.
/// Lists are read whether Jumpserver pages them (<c>{"results": [...]}</c>) or not. Any non-success status throws
/// <see cref="HttpRequestException"/> with the status and the path (never a body, which could echo a secret).
/// </summary>
internal sealed class JumpserverClient(HttpClient http)
{
    public const string HostsPath = "/api/v1/assets/hosts/";
    public const string UsersPath = "/api/v1/users/users/";
    public const string PermissionsPath = "/api/v1/perms/asset-permissions/";

    public Task<string?> FindHostAsync(string name, CancellationToken cancellationToken) => FindIdAsync(HostsPath + "?name=" + Uri.EscapeDataString(name), cancellationToken);

    public Task<string?> FindUserAsync(string username, CancellationToken cancellationToken) => FindIdAsync(UsersPath + "?username=" + Uri.EscapeDataString(username), cancellationToken);

    public Task<string?> FindPermissionAsync(string name, CancellationToken cancellationToken) => FindIdAsync(PermissionsPath + "?name=" + Uri.EscapeDataString(name), cancellationToken);

    public Task<string> CreateHostAsync(JsonObject body, CancellationToken cancellationToken) => SendForIdAsync(HttpMethod.Post, HostsPath, body, cancellationToken);

    public Task<string> UpdateHostAsync(string id, JsonObject body, CancellationToken cancellationToken) => SendForIdAsync(HttpMethod.Put, HostsPath + id + "/", body, cancellationToken);

    public Task<string> CreatePermissionAsync(JsonObject body, CancellationToken cancellationToken) => SendForIdAsync(HttpMethod.Post, PermissionsPath, body, cancellationToken);

    public Task DeleteHostAsync(string id, CancellationToken cancellationToken) => DeleteAsync(HostsPath + id + "/", cancellationToken);

    public Task DeletePermissionAsync(string id, CancellationToken cancellationToken) => DeleteAsync(PermissionsPath + id + "/", cancellationToken);

    private async Task<string?> FindIdAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(pathAndQuery, UriKind.Relative), cancellationToken);
        Check(response, "GET", pathAndQuery);
        var json = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
        var items = json is JsonObject paged ? paged["results"] as JsonArray : json as JsonArray;
        return items?.FirstOrDefault()?["id"]?.GetValue<string>();
    }

    private async Task<string> SendForIdAsync(HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = JsonContent.Create(body, options: new JsonSerializerOptions()),
        };
        using var response = await http.SendAsync(request, cancellationToken);
        Check(response, method.Method, path);
        var json = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
        return json?["id"]?.GetValue<string>() ?? throw new HttpRequestException($"Jumpserver answered {method.Method} {path} without an id");
    }

    private async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync(new Uri(path, UriKind.Relative), cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            Check(response, "DELETE", path);
        }
    }

    private static void Check(HttpResponseMessage response, string method, string path)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Jumpserver answered {method} {path} with {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }
    }
}
