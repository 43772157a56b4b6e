using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Features;

namespace Reconciler.Runtime.Docker.Features;

/// <summary>
/// Fetches a Feature from an OCI registry with the distribution API, as @devcontainers/cli does: the manifest
/// (<c>GET /v2/&lt;repository&gt;/manifests/&lt;tag|digest&gt;</c>), then its <c>application/vnd.devcontainers.layer.v1+tar</c>
/// blob. A 401 answers the challenge: <c>Bearer</c> fetches a token from the realm (anonymously, or with the configured
/// credential as basic auth), <c>Basic</c> resends with the credential. <c>localhost</c> and loopback registries are
/// spoken to over HTTP, every other over HTTPS.
/// </summary>
internal sealed class OciFeatureClient(HttpClient http, IReadOnlyDictionary<string, RegistryCredential> credentials)
{
    private const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";
    private const string LayerMediaType = "application/vnd.devcontainers.layer.v1+tar";

    public async Task<FetchedFeature> FetchAsync(FeatureReference reference, CancellationToken cancellationToken)
    {
        var registry = reference.Registry!;
        var scheme = IsLoopback(registry) ? "http" : "https";
        var baseUri = $"{scheme}://{registry}/v2/{reference.Repository}";
        var session = new AuthSession(registry, reference.Repository!, credentials.GetValueOrDefault(registry));
        using var manifestResponse = await SendAsync(session, $"{baseUri}/manifests/{reference.ManifestReference}", ManifestMediaType, cancellationToken);
        if (manifestResponse.StatusCode == HttpStatusCode.NotFound)
        {
            throw new FeatureFetchException(DiagnosticCodes.FeatureNotFound, $"{registry} has no Feature {reference.Repository}:{reference.ManifestReference} (manifest not found)");
        }

        await EnsureOkAsync(manifestResponse, registry, "the manifest", cancellationToken);
        var manifestBytes = await manifestResponse.Content.ReadAsByteArrayAsync(cancellationToken);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifestBytes));
        if (reference.Digest is { } pinned && pinned != digest)
        {
            throw new FeatureFetchException(DiagnosticCodes.FeatureNotFound, $"the manifest of {reference.UserId} has digest {digest}, not the pinned {pinned}");
        }

        JToken manifest;
        try
        {
            manifest = JToken.Parse(Encoding.UTF8.GetString(manifestBytes));
        }
        catch (Newtonsoft.Json.JsonReaderException e)
        {
            throw new FeatureFetchException(DiagnosticCodes.FeatureManifestInvalid, $"the OCI manifest of {reference.UserId} is not JSON: {e.Message}");
        }

        var layer = (manifest["layers"] as JArray)?.OfType<JObject>().FirstOrDefault(l => (string?)l["mediaType"] == LayerMediaType)
                    ?? throw new FeatureFetchException(DiagnosticCodes.FeatureManifestInvalid, $"{reference.UserId} is not a devcontainer Feature: its manifest has no {LayerMediaType} layer");
        var layerDigest = (string?)layer["digest"] ?? throw new FeatureFetchException(DiagnosticCodes.FeatureManifestInvalid, $"the layer of {reference.UserId} has no digest");
        using var blobResponse = await SendAsync(session, $"{baseUri}/blobs/{layerDigest}", "*/*", cancellationToken);
        await EnsureOkAsync(blobResponse, registry, "the Feature layer", cancellationToken);
        if (blobResponse.Content.Headers.ContentLength > FeatureArchive.MaxBytes)
        {
            throw new FeatureFetchException(DiagnosticCodes.FeatureManifestInvalid, $"the layer of {reference.UserId} is larger than {FeatureArchive.MaxBytes / 1024 / 1024} MiB");
        }

        var blob = await blobResponse.Content.ReadAsByteArrayAsync(cancellationToken);
        if ("sha256:" + Convert.ToHexStringLower(SHA256.HashData(blob)) != layerDigest)
        {
            throw new FeatureFetchException(DiagnosticCodes.FeatureManifestInvalid, $"the layer of {reference.UserId} does not match its digest {layerDigest}");
        }

        return new FetchedFeature(reference, digest, FeatureArchive.Read(blob), $"{reference.UserId} (devcontainer-feature.json)");
    }

    private async Task<HttpResponseMessage> SendAsync(AuthSession session, string url, string accept, CancellationToken cancellationToken)
    {
        var response = await SendOnceAsync(url, accept, session.Authorization, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || session.Tried)
        {
            return response;
        }

        session.Tried = true;
        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        response.Dispose();
        session.Authorization = challenge?.Scheme.ToLowerInvariant() switch
        {
            "bearer" => await TokenAsync(session, challenge.Parameter ?? string.Empty, cancellationToken),
            "basic" when session.Credential is { } c => Basic(c),
            _ => null,
        };
        return await SendOnceAsync(url, accept, session.Authorization, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(string url, string accept, AuthenticationHeaderValue? authorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(accept);
        request.Headers.Authorization = authorization;
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new FeatureFetchException(DiagnosticCodes.FeatureRegistryUnreachable, $"registry {new Uri(url).Authority} cannot be reached: {e.Message}");
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FeatureFetchException(DiagnosticCodes.FeatureRegistryUnreachable, $"registry {new Uri(url).Authority} did not answer in time: {e.Message}");
        }
    }

    /// <summary>The anonymous (or credentialed) token flow: GET realm?service=…&amp;scope=repository:&lt;repo&gt;:pull.</summary>
    private async Task<AuthenticationHeaderValue?> TokenAsync(AuthSession session, string parameters, CancellationToken cancellationToken)
    {
        var values = ChallengeParameters(parameters);
        if (!values.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out _))
        {
            return null;
        }

        var query = new List<string>();
        if (values.TryGetValue("service", out var service))
        {
            query.Add("service=" + Uri.EscapeDataString(service));
        }

        query.Add("scope=" + Uri.EscapeDataString(values.GetValueOrDefault("scope") ?? $"repository:{session.Repository}:pull"));
        using var request = new HttpRequestMessage(HttpMethod.Get, realm + (realm.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join("&", query));
        if (session.Credential is { } credential)
        {
            request.Headers.Authorization = Basic(credential);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new FeatureFetchException(DiagnosticCodes.FeatureRegistryUnreachable, $"the token service of {session.Registry} cannot be reached: {e.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new FeatureFetchException(DiagnosticCodes.FeatureNotFound, $"the token service of {session.Registry} refused access ({(int)response.StatusCode}){(session.Credential is null ? $": add {session.Registry} under devcontainer.featureRegistries in the worker configuration (docs/configuration.md)" : string.Empty)}");
            }

            var body = JToken.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var token = (string?)body["token"] ?? (string?)body["access_token"];
            return token is null ? null : new AuthenticationHeaderValue("Bearer", token);
        }
    }

    private static async Task EnsureOkAsync(HttpResponseMessage response, string registry, string what, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var code = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound
            ? DiagnosticCodes.FeatureNotFound
            : DiagnosticCodes.FeatureRegistryUnreachable;
        var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? $" (the registry wants a login: add {registry} under devcontainer.featureRegistries in the worker configuration, docs/configuration.md)"
            : string.Empty;
        throw new FeatureFetchException(code, $"{registry} answered {(int)response.StatusCode} for {what}{hint}: {body[..Math.Min(body.Length, 200)].Trim()}");
    }

    private static Dictionary<string, string> ChallengeParameters(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Text.RegularExpressions.Match match in System.Text.RegularExpressions.Regex.Matches(text, "(\\w+)=\"([^\"]*)\""))
        {
            values[match.Groups[1].Value] = match.Groups[2].Value;
        }

        return values;
    }

    private static AuthenticationHeaderValue Basic(RegistryCredential credential)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{credential.Password}")));

    private static bool IsLoopback(string registry)
    {
        var host = new Uri($"https://{registry}").Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    private sealed class AuthSession(string registry, string repository, RegistryCredential? credential)
    {
        public string Registry { get; } = registry;

        public string Repository { get; } = repository;

        public RegistryCredential? Credential { get; } = credential;

        public AuthenticationHeaderValue? Authorization { get; set; }

        public bool Tried { get; set; }
    }
}
