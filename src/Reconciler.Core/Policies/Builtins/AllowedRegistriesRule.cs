using Reconciler.Core.Policies.Effective;

namespace Reconciler.Core.Policies.Builtins;

/// <summary>
/// <c>allowedRegistries</c>: the devcontainer <c>image</c> comes from a registry on <c>registries</c> (globs over the
/// registry host: <c>ghcr.io</c>, <c>*.azurecr.io</c>; an image without a registry is <c>docker.io</c>, as Docker reads
/// it) and, with <c>requireDigest: true</c>, is pinned by digest (<c>@sha256:…</c>). Workspaces built from a Dockerfile
/// name no image and are not judged (their <c>FROM</c> lines are not read).
/// </summary>
internal sealed record AllowedRegistriesRule(IReadOnlyList<string> Registries, bool RequireDigest) : BuiltinRule
{
    public override string Name => "allowedRegistries";

    public static AllowedRegistriesRule Create(BuiltinParams p)
    {
        p.AllowOnly("registries", "requireDigest");
        return new AllowedRegistriesRule(p.Strings(p.Values, "registries", p.Pointer, required: true), p.Bool(p.Values, "requireDigest", p.Pointer) ?? false);
    }

    internal override IEnumerable<RuleFinding> Evaluate(IReadOnlyList<EffectiveWorkspace> workspaces)
    {
        foreach (var workspace in workspaces)
        {
            if (workspace.Root["devcontainer"]?["image"]?.Type != Newtonsoft.Json.Linq.JTokenType.String)
            {
                continue;
            }

            var image = (string)workspace.Root["devcontainer"]!["image"]!;
            var registry = RegistryOf(image);
            if (!Glob.AnyMatch(Registries, registry))
            {
                yield return new RuleFinding(workspace, "/devcontainer/image",
                    $"registry {registry} is not allowed (allowed: {string.Join(", ", Registries)})");
            }
            else if (RequireDigest && !image.Contains("@sha256:", StringComparison.Ordinal))
            {
                yield return new RuleFinding(workspace, "/devcontainer/image", "the image is not pinned by digest (@sha256:…)");
            }
        }
    }

    /// <summary>Docker's rule: the first path component is a registry when it has a dot or a port, or is <c>localhost</c>.</summary>
    public static string RegistryOf(string image)
    {
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return "docker.io";
        }

        var first = image[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? first.ToLowerInvariant() : "docker.io";
    }
}
