using System.Security.Cryptography;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Features;
using Reconciler.Core.Ports;

namespace Reconciler.Runtime.Docker.Features;

/// <summary>
/// Fetches a Feature by the kind of its reference: OCI from its registry, a local folder from the commit tree (as every
/// other workspace file), a tarball over HTTP. Each result carries a digest of its content for the layer cache keys.
/// </summary>
internal sealed class FeatureFetcher(HttpClient http, IReadOnlyDictionary<string, RegistryCredential> credentials, IRepositoryContent content)
{
    public Task<FetchedFeature> FetchAsync(FeatureReference reference, CancellationToken cancellationToken) => reference.Kind switch
    {
        FeatureSourceKind.Oci => new OciFeatureClient(http, credentials).FetchAsync(reference, cancellationToken),
        FeatureSourceKind.Local => Task.FromResult(ReadLocal(reference)),
        _ => FetchTarballAsync(reference, cancellationToken),
    };

    private FetchedFeature ReadLocal(FeatureReference reference)
    {
        var files = new List<FeatureFile>();
        long total = 0;
        foreach (var entry in content.Enumerate(reference.Resource))
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            total += entry.Size;
            if (total > FeatureArchive.MaxBytes)
            {
                throw new FeatureFetchException(DiagnosticCodes.FeatureManifestInvalid, $"the local Feature {reference.Resource} is larger than {FeatureArchive.MaxBytes / 1024 / 1024} MiB");
            }

            using var stream = content.OpenRead(entry.Path);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files.Add(new FeatureFile(entry.Path[(reference.Resource.Length + 1)..], buffer.ToArray(), entry.Executable));
        }

        if (!files.Any(f => f.Path == "devcontainer-feature.json"))
        {
            throw new FeatureFetchException(DiagnosticCodes.FeatureNotFound, $"the local Feature folder {reference.Resource} has no devcontainer-feature.json at commit {content.Commit}");
        }

        return new FetchedFeature(reference, "sha256:" + FolderHash(files), files, $"{reference.Resource}/devcontainer-feature.json");
    }

    private async Task<FetchedFeature> FetchTarballAsync(FeatureReference reference, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(reference.Resource, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new FeatureFetchException(DiagnosticCodes.FeatureRegistryUnreachable, $"{reference.Resource} cannot be fetched: {e.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new FeatureFetchException(
                    response.StatusCode == System.Net.HttpStatusCode.NotFound ? DiagnosticCodes.FeatureNotFound : DiagnosticCodes.FeatureRegistryUnreachable,
                    $"{reference.Resource} answered {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentLength > FeatureArchive.MaxBytes)
            {
                throw new FeatureFetchException(DiagnosticCodes.FeatureManifestInvalid, $"{reference.Resource} is larger than {FeatureArchive.MaxBytes / 1024 / 1024} MiB");
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return new FetchedFeature(reference, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), FeatureArchive.Read(bytes), $"{reference.Resource} (devcontainer-feature.json)");
        }
    }

    private static string FolderHash(IEnumerable<FeatureFile> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{file.Path}\0{file.Executable}\0{file.Content.Length}\0"));
            hash.AppendData(file.Content);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
