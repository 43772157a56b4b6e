namespace Reconciler.Core.Features;

public enum FeatureSourceKind
{
    /// <summary><c>registry/namespace/id[:tag|@sha256:…]</c>, fetched with the OCI distribution API.</summary>
    Oci,

    /// <summary><c>./path</c> or <c>../path</c>, relative to the devcontainer.json's folder, read from the commit tree.</summary>
    Local,

    /// <summary><c>https://…/devcontainer-feature-ID.tgz</c>, fetched over HTTP.</summary>
    Tarball,
}

/// <summary>
/// Where a Feature comes from, parsed from the id the user wrote (the key under <c>features</c>, a <c>dependsOn</c>
/// key, an <c>installsAfter</c> entry or an <c>overrideFeatureInstallOrder</c> entry).
/// </summary>
public sealed record FeatureReference(FeatureSourceKind Kind, string UserId, string Resource, string? Tag = null, string? Digest = null)
{
    /// <summary>OCI: the registry host (with port); otherwise null.</summary>
    public string? Registry => Kind == FeatureSourceKind.Oci ? Resource[..Resource.IndexOf('/', StringComparison.Ordinal)] : null;

    /// <summary>OCI: the repository path inside the registry (<c>namespace/id</c>); otherwise null.</summary>
    public string? Repository => Kind == FeatureSourceKind.Oci ? Resource[(Resource.IndexOf('/', StringComparison.Ordinal) + 1)..] : null;

    /// <summary>OCI: the tag or digest asked for (<c>latest</c> when neither is written).</summary>
    public string? ManifestReference => Kind == FeatureSourceKind.Oci ? Digest ?? Tag ?? "latest" : null;

    /// <summary>The id of the Feature as its folder or repository names it (the last path segment).</summary>
    public string ShortId => Kind switch
    {
        FeatureSourceKind.Tarball => TarballId(Resource) ?? "feature",
        _ => Resource.TrimEnd('/')[(Resource.TrimEnd('/').LastIndexOf('/') + 1)..],
    };

    /// <summary>
    /// Parses a Feature id as @devcontainers/cli does. <paramref name="devcontainerFolder"/> is the repository-relative
    /// folder of devcontainer.json; a local path is resolved against it and must stay inside the repository.
    /// </summary>
    public static FeatureReference? Parse(string id, string devcontainerFolder, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(id))
        {
            error = "a Feature id must not be empty";
            return null;
        }

        if (id.StartsWith("./", StringComparison.Ordinal) || id.StartsWith("../", StringComparison.Ordinal))
        {
            var resolved = ResolveLocal(devcontainerFolder, id);
            if (resolved is null)
            {
                error = $"the local Feature '{id}' points outside the repository";
                return null;
            }

            return new FeatureReference(FeatureSourceKind.Local, id, resolved);
        }

        if (id.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || id.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(id, UriKind.Absolute, out _) || TarballId(id) is null)
            {
                error = $"the tarball Feature URL '{id}' must end in devcontainer-feature-<id>.tgz";
                return null;
            }

            return new FeatureReference(FeatureSourceKind.Tarball, id, id);
        }

        return ParseOci(id, out error);
    }

    private static FeatureReference? ParseOci(string id, out string? error)
    {
        error = null;
        string resource;
        string? tag = null;
        string? digest = null;
        var at = id.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            resource = id[..at];
            digest = id[(at + 1)..];
            if (!digest.StartsWith("sha256:", StringComparison.Ordinal) || digest.Length != 71 || !digest[7..].All(Uri.IsHexDigit))
            {
                error = $"'{id}' has a malformed digest: expected @sha256:<64 hex digits>";
                return null;
            }
        }
        else
        {
            var colon = id.LastIndexOf(':');
            var slash = id.LastIndexOf('/');
            resource = colon > slash ? id[..colon] : id;
            tag = colon > slash ? id[(colon + 1)..] : null;
            if (tag is not null && (tag.Length == 0 || !tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
            {
                error = $"'{id}' has a malformed tag '{tag}'";
                return null;
            }
        }

        var segments = resource.Split('/');
        if (segments.Length < 3 || segments.Any(s => s.Length == 0))
        {
            error = $"'{id}' is not a Feature reference: use registry/namespace/feature[:tag] (e.g. ghcr.io/devcontainers/features/node:1), "
                    + "./path for a Feature in the repository, or an https URL of a .tgz (bare ids of the retired GitHub-release form are not supported)";
            return null;
        }

        if (segments.Skip(1).Any(s => !s.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-')))
        {
            error = $"'{id}' is not a valid OCI repository name: path segments are lowercase letters, digits, '.', '_' and '-'";
            return null;
        }

        return new FeatureReference(FeatureSourceKind.Oci, id, resource.ToLowerInvariant(), tag, digest);
    }

    private static string? ResolveLocal(string folder, string relative)
    {
        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in relative.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }

    private static string? TarballId(string url)
    {
        var name = url.Split('?', '#')[0];
        name = name[(name.LastIndexOf('/') + 1)..];
        const string prefix = "devcontainer-feature-";
        return name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".tgz", StringComparison.Ordinal) && name.Length > prefix.Length + 4
            ? name[prefix.Length..^4]
            : null;
    }
}
