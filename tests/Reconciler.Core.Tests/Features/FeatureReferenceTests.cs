using Reconciler.Core.Features;

namespace Reconciler.Core.Tests.Features;

public sealed class FeatureReferenceTests
{
    [Theory]
    [InlineData("ghcr.io/devcontainers/features/node:1", FeatureSourceKind.Oci, "ghcr.io/devcontainers/features/node", "1")]
    [InlineData("localhost:5000/team/tool", FeatureSourceKind.Oci, "localhost:5000/team/tool", "latest")]
    [InlineData("./tools/x", FeatureSourceKind.Local, ".devcontainer/tools/x", null)]
    [InlineData("../shared/x", FeatureSourceKind.Local, "shared/x", null)]
    [InlineData("https://example.test/releases/devcontainer-feature-go.tgz", FeatureSourceKind.Tarball, "https://example.test/releases/devcontainer-feature-go.tgz", null)]
    public void References_parse_by_kind(string id, FeatureSourceKind kind, string resource, string? manifestReference)
    {
        var reference = FeatureReference.Parse(id, ".devcontainer", out var error);

        Assert.Null(error);
        Assert.Equal((kind, resource, manifestReference), (reference!.Kind, reference.Resource, reference.ManifestReference));
    }

    [Theory]
    [InlineData("node", "is not a Feature reference")]
    [InlineData("ghcr.io/Upper/x:1", "is not a valid OCI repository name")]
    [InlineData("ghcr.io/a/b@sha256:abc", "malformed digest")]
    [InlineData("../../outside", "points outside the repository")]
    [InlineData("https://example.test/feature.zip", "must end in devcontainer-feature-<id>.tgz")]
    public void Malformed_references_say_why(string id, string message)
    {
        Assert.Null(FeatureReference.Parse(id, ".devcontainer", out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
