using Reconciler.Core.Features;

namespace Reconciler.Runtime.Docker.Features;

/// <summary>A file of a Feature's folder (path relative to it, with '/').</summary>
internal sealed record FeatureFile(string Path, byte[] Content, bool Executable);

/// <summary>A Feature's files as fetched, with the digest that identifies their content and where its manifest came from.</summary>
internal sealed record FetchedFeature(FeatureReference Reference, string Digest, IReadOnlyList<FeatureFile> Files, string ManifestLocation)
{
    public string? ManifestText => Files.FirstOrDefault(f => f.Path == "devcontainer-feature.json") is { } file
        ? System.Text.Encoding.UTF8.GetString(file.Content).TrimStart('\uFEFF')
        : null;
}

/// <summary>A fetch that failed: the diagnostic code and a message (no location; the caller adds where the Feature is named).</summary>
internal sealed class FeatureFetchException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
