using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reconciler.Runtime.Docker.Engine;

namespace Reconciler.Runtime.Docker.Snapshots;

/// <summary>
/// The few calls of the OCI distribution API that snapshots need: list the tags of a repository, resolve a tag to its
/// manifest digest, delete a manifest by digest (the registry must allow deletes: <c>storage.delete.enabled</c>).
/// Basic authentication or anonymous; a registry that cannot be reached or refuses is a <see cref="StepFailedException"/>
/// with reason <c>SnapshotRegistryUnavailable</c>.
/// </summary>
internal sealed class RegistryApi(SnapshotRegistryOptions options)
{
    private const string ManifestTypes =
        "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json, "
        + "application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.index.v1+json";

    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Tags of <paramref name="path"/>; empty when the repository does not exist yet.</summary>
    public async Task<IReadOnlyList<string>> TagsAsync(string path, CancellationToken cancellationToken)
    {
        var tags = new List<string>();
        var next = $"/v2/{path}/tags/list?n=1000";
        while (next is not null)
        {
            using var response = await SendAsync(HttpMethod.Get, next, null, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return tags;
            }

            await RequireSuccessAsync(response, $"listing the tags of {path}", cancellationToken);
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            if (body.RootElement.TryGetProperty("tags", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                tags.AddRange(list.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
            }

            next = NextPage(response);
        }

        return tags;
    }

    /// <summary>The manifest digest a tag points at; null when the tag does not exist.</summary>
    public async Task<string?> DigestAsync(string path, string tag, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, $"/v2/{path}/manifests/{tag}", ManifestTypes, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await RequireSuccessAsync(response, $"reading {path}:{tag}", cancellationToken);
        return response.Headers.TryGetValues("Docker-Content-Digest", out var values) ? values.FirstOrDefault() : null;
    }

    /// <summary>Deletes a manifest (and so every tag that points at it). A manifest already gone is fine.</summary>
    public async Task DeleteAsync(string path, string digest, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Delete, $"/v2/{path}/manifests/{digest}", null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await RequireSuccessAsync(response, $"deleting {path}@{digest}", cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string relative, string? accept, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(options.Registry, relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (options.User is { } user && options.Password?.Invoke() is { } password)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password.Trim()}")));
        }

        try
        {
            return await Http.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new StepFailedException("SnapshotRegistryUnavailable", $"snapshot registry {options.Registry} cannot be reached: {e.Message}");
        }
    }

    private async Task RequireSuccessAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = response.Content is null ? "" : await response.Content.ReadAsStringAsync(cancellationToken);
        var hint = response.StatusCode == HttpStatusCode.MethodNotAllowed ? " (the registry must allow deletes: storage.delete.enabled: true)" : "";
        throw new StepFailedException(
            "SnapshotRegistryUnavailable",
            $"snapshot registry {options.Registry} refused {what}: {(int)response.StatusCode} {response.ReasonPhrase}{hint} {Shorten(text)}".TrimEnd());
    }

    /// <summary>The <c>Link: &lt;/v2/...&gt;; rel="next"</c> of a paged tag list.</summary>
    private static string? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links))
        {
            return null;
        }

        var link = links.FirstOrDefault(l => l.Contains("rel=\"next\"", StringComparison.Ordinal));
        var start = link?.IndexOf('<') ?? -1;
        var end = link?.IndexOf('>') ?? -1;
        return start >= 0 && end > start ? link![(start + 1)..end] : null;
    }

    private static string Shorten(string text) => text.Length <= 200 ? text.Trim() : text[..200].Trim() + "…";
}
