using System.Text.Json;
using System.Text.Json.Serialization;
using Reconciler.Core.Desired;
using Reconciler.Runtime.Kubernetes.Rendering;
using Reconciler.Source.FileSystem;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Kubernetes.Tests.Support;

/// <summary>One workspace of a rendering case: compiled by the real loader from the case's workspace.yaml and devcontainer.json.</summary>
public sealed record RenderCase(string Case, string Workspace, DesiredWorkspace Desired, KubernetesRenderOptions Options)
{
    public string GoldenPath => Path.Combine(RenderCases.Root, Case, "expected", Workspace + ".json");

    public override string ToString() => $"{Case}/{Workspace}";
}

/// <summary>
/// The cases under <c>Golden/&lt;case&gt;/</c>: <c>.daytona/workspace.yaml</c>, <c>.devcontainer/devcontainer.json</c>, an optional
/// <c>render.json</c> (cluster options and <c>power</c>) and <c>expected/&lt;workspace&gt;.json</c>.
/// </summary>
public static class RenderCases
{
    public const string Repository = "github.com/acme/platform";

    private static readonly JsonSerializerOptions OptionsJson = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Root => Path.Combine(TestPaths.RepositoryRoot, "tests", "Reconciler.Runtime.Kubernetes.Tests", "Golden");

    public static IReadOnlyList<RenderCase> All() => [.. Directory.GetDirectories(Root).Order(StringComparer.Ordinal).SelectMany(d => Load(Path.GetFileName(d)))];

    public static IEnumerable<object[]> Names() => All().Select(c => new object[] { c.ToString() });

    public static RenderCase Named(string name) => All().Single(c => c.ToString() == name);

    public static IReadOnlyList<RenderCase> Load(string name)
    {
        var folder = Path.Combine(Root, name);
        var settings = File.Exists(Path.Combine(folder, "render.json"))
            ? JsonSerializer.Deserialize<CaseSettings>(File.ReadAllText(Path.Combine(folder, "render.json")), OptionsJson)!
            : new CaseSettings();
        var options = new KubernetesRenderOptions
        {
            MaxPodSecurity = settings.MaxPodSecurity ?? PodSecurityLevel.Restricted,
            PublicExposure = settings.PublicExposure ?? PublicExposure.LoadBalancer,
            IngressClassName = settings.IngressClassName,
            IngressDomain = settings.IngressDomain ?? "workspaces.local",
        };
        return [.. Compile(folder).Select(d => new RenderCase(name, d.Key.Workspace, d with { Power = settings.Power ?? PowerState.Running }, options))];
    }

    /// <summary>Compiles every workspace of a checkout with the real loader; any error fails the test with the diagnostics.</summary>
    public static IReadOnlyList<DesiredWorkspace> Compile(string folder)
    {
        var loaded = WorkspaceLoader.Load(new LocalCheckoutContent(folder, Repository), new LoaderOptions());
        if (loaded.HasErrors)
        {
            throw new InvalidOperationException($"{folder}: " + string.Join("; ", loaded.Diagnostics));
        }

        return loaded.Workspaces;
    }

    private sealed record CaseSettings(
        PowerState? Power = null,
        PodSecurityLevel? MaxPodSecurity = null,
        PublicExposure? PublicExposure = null,
        string? IngressClassName = null,
        string? IngressDomain = null);
}
