using Newtonsoft.Json.Linq;
using Reconciler.Core.Desired;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Features;
using Reconciler.Runtime.Docker.Features;
using Reconciler.Source.FileSystem;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Parity;

/// <summary>
/// Parity with the reference implementation: for each selected configuration (<see cref="ParitySelection"/>) the test
/// runs <c>devcontainer read-configuration --include-merged-configuration</c> of @devcontainers/cli 0.89.0 and
/// Reconciler on the same folder, and compares field by field: the configuration after substitution, the merged
/// configuration (image label and Features folded in), the Feature install order, and the typed workspace the runtime
/// creates from it. The deliberate differences are in docs/devcontainer.md; none applies to these cases.
/// </summary>
public sealed class DevcontainerParityTests : IAsyncLifetime
{
    private const string LabelledImage = "reconciler-test/parity-labelled:1";
    private const string StandInLabel = "dev.reconciler.test-parity";
    private static readonly IReadOnlyDictionary<string, string> Environment = new Dictionary<string, string> { ["PARITY_VALUE"] = "from the environment" };
    private readonly List<string> _standIns = [];

    public static TheoryData<string> Cases => ParitySelection.Cases();

    public async Task InitializeAsync()
    {
        await LocalImages.EnsureBusyboxAsync();
        _ = DevcontainerCli.Path;
    }

    public Task DisposeAsync()
    {
        foreach (var image in _standIns)
        {
            LocalImages.Run("docker", $"rmi {image}");
        }

        return Task.CompletedTask;
    }

    [Fact]
    public void The_corpus_selection_is_not_empty()
    {
        // Guards the selection itself: the corpus has image-only configurations with valid references.
        Assert.True(ParitySelection.Corpus().Count >= 8, string.Join(", ", ParitySelection.Corpus()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Reconciler_reads_the_configuration_as_the_reference_CLI_does(string @case)
    {
        using var folder = new TempDirectory("rc-parity");
        var devcontainer = Prepare(@case, folder);
        var text = File.ReadAllText(devcontainer);
        var parsed = DevcontainerParser.Parse(text, ".devcontainer/devcontainer.json", new SubstitutionContext(
            folder.Path, "parity", Environment, new HashSet<string>(["PARITY_VALUE", "PARITY_UNSET_VARIABLE"])));
        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Diagnostics));
        var config = parsed.Value!;
        await EnsureImageAsync(config.Image!);

        var cli = await DevcontainerCli.RunAsync(
            ["read-configuration", "--include-merged-configuration", "--workspace-folder", folder.Path, "--log-level", "info"], environment: Environment);
        Assert.True(cli.ExitCode == 0, $"devcontainer read-configuration failed:\n{cli.Stderr}");
        var reference = JObject.Parse(cli.Stdout);

        // 1. The configuration after variable substitution.
        var root = EffectiveConfiguration.Of(config);
        AssertSameFields("configuration", Without((JObject)reference["configuration"]!, "configFilePath"), root);

        // 2. Image metadata: the image's label, then each Feature in install order (the order must match too).
        var inspect = LocalImages.Run("docker", $"image inspect --format \"{{{{json .Config.Labels}}}}\" {config.Image}");
        var labels = JToken.Parse(inspect.Output) as JObject;
        var imageEntries = ImageMetadata.FromLabel((string?)labels?[ImageMetadata.LabelKey], out var labelError);
        Assert.Null(labelError);
        var features = await ResolveFeaturesAsync(config, folder.Path);
        var referenceOrder = (reference["featuresConfiguration"]?["featureSets"] as JArray ?? [])
            .Select(s => (string?)s["sourceInformation"]?["userFeatureId"]).ToList();
        Assert.Equal(referenceOrder, features.Select(f => f.Reference.UserId));
        var entries = imageEntries.Concat(features.Select(f => ImageMetadata.FeatureEntry(f.Reference.UserId, f.Manifest.Raw))).ToList();

        // 3. The merged configuration.
        var merged = EffectiveConfiguration.Merged(config, entries);
        var referenceMerged = WithoutDeliberateDifferences(Without((JObject)reference["mergedConfiguration"]!, "configFilePath"));
        AssertSameFields("mergedConfiguration", referenceMerged, merged);

        // 4. The typed workspace the Docker runtime creates from it.
        folder.Write(".daytona/workspace.yaml", "version: 1\nworkspaces:\n  - name: main\n");
        var loaded = WorkspaceLoader.Load(new LocalCheckoutContent(folder.Path, "parity/" + Path.GetFileName(folder.Path)), new LoaderOptions
        {
            LocalEnv = Environment,
            LocalEnvAllowList = new HashSet<string>(["PARITY_VALUE", "PARITY_UNSET_VARIABLE"]),
        });
        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Diagnostics));
        var errors = new List<string>();
        var desired = ImageMetadataApplier.Apply(Assert.Single(loaded.Workspaces), entries, errors);
        Assert.Empty(errors);
        AssertTyped(referenceMerged, desired);
    }

    /// <summary>Copies the case into <c>DIR/.devcontainer/</c> (the layout read-configuration expects); returns devcontainer.json's path.</summary>
    private static string Prepare(string @case, TempDirectory folder)
    {
        var (kind, name) = (@case[..@case.IndexOf(':', StringComparison.Ordinal)], @case[(@case.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        if (kind == "corpus")
        {
            return folder.Write(".devcontainer/devcontainer.json", File.ReadAllText(TestPaths.Fixture("devcontainer-corpus", name)));
        }

        var source = Path.Combine(ParitySelection.TestData, name);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            folder.Write(Path.GetRelativePath(source, file), File.ReadAllText(file));
        }

        return Path.Combine(folder.Path, ".devcontainer", "devcontainer.json");
    }

    /// <summary>
    /// A corpus image is replaced by a local stand-in (busybox, labelled as a test image) under the same name, so both tools
    /// inspect the same local image offline; the labelled test image carries a devcontainer.metadata label.
    /// </summary>
    private async Task EnsureImageAsync(string image)
    {
        if (LocalImages.Run("docker", $"image inspect {image}").ExitCode == 0)
        {
            return;
        }

        using var context = new TempDirectory("rc-parity-image");
        var label = image == LabelledImage
            ? $"LABEL {ImageMetadata.LabelKey}=\"{Escape(LabelledMetadata)}\"\n"
            : string.Empty;
        context.Write("Dockerfile", $"FROM {LocalImages.Busybox}\nLABEL {StandInLabel}=stand-in\n{label}");
        var built = LocalImages.Run("docker", $"build -q -t {image} {context.Path}");
        Assert.True(built.ExitCode == 0, built.Output);
        if (image != LabelledImage)
        {
            _standIns.Add(image);
        }

        await Task.CompletedTask;
    }

    private const string LabelledMetadata = """
        [{"id":"ghcr.io/devcontainers/features/common-utils:2","init":true,"capAdd":["NET_ADMIN"],"mounts":["type=volume,source=image-cache,target=/cache","type=volume,source=image-other,target=/other"],"postCreateCommand":"echo image","customizations":{"vscode":{"extensions":["image.ext"]}}},
         {"remoteUser":"nobody","containerEnv":{"FROM_IMAGE":"1","SHARED":"image"},"remoteEnv":{"R":"image","IMAGE_ONLY":"yes"},"forwardPorts":[3000,8000],"hostRequirements":{"cpus":4,"memory":"2gb"},"waitFor":"onCreateCommand","onCreateCommand":["echo","image-create"]}]
        """;

    private static string Escape(string json) => json.ReplaceLineEndings(string.Empty).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static async Task<IReadOnlyList<ResolvedFeature>> ResolveFeaturesAsync(DevcontainerConfig config, string folder)
    {
        var bag = new DiagnosticBag();
        if (FeatureRequestBuilder.Build(config, ".devcontainer/devcontainer.json", bag) is not { } request)
        {
            return [];
        }

        Assert.False(bag.HasErrors, string.Join("\n", bag.Items));
        using var http = new HttpClient();
        var fetcher = new FeatureFetcher(http, new Dictionary<string, RegistryCredential>(), new LocalCheckoutContent(folder));
        return await new FeatureResolver(fetcher).ResolveAsync(request, CancellationToken.None);
    }

    private static void AssertSameFields(string what, JObject expected, JObject actual)
    {
        var differences = expected.Properties().Select(p => p.Name).Union(actual.Properties().Select(p => p.Name))
            .Where(name => !JToken.DeepEquals(expected[name], actual[name]))
            .Select(name => $"{what}.{name}: reference CLI {expected[name]?.ToString(Newtonsoft.Json.Formatting.None) ?? "(absent)"}, Reconciler {actual[name]?.ToString(Newtonsoft.Json.Formatting.None) ?? "(absent)"}")
            .ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    /// <summary>The typed fields the runtime acts on, against the reference's merged configuration.</summary>
    private static void AssertTyped(JObject merged, DesiredWorkspace desired)
    {
        var c = desired.Container;
        Assert.Equal((bool?)merged["init"] ?? false, c.Init);
        Assert.Equal((bool?)merged["privileged"] ?? false, c.Privileged);
        Assert.Equal(Strings(merged["capAdd"]).Order(StringComparer.Ordinal), c.CapAdd.Order(StringComparer.Ordinal));
        Assert.Equal(Strings(merged["securityOpt"]).Order(StringComparer.Ordinal), c.SecurityOpt.Order(StringComparer.Ordinal));
        Assert.Equal(Strings(merged["entrypoints"]), c.Entrypoints);
        Assert.Equal((string?)merged["remoteUser"], c.RemoteUser);
        Assert.Equal((string?)merged["containerUser"], c.ContainerUser);
        var env = (merged["containerEnv"] as JObject ?? []).Properties().ToDictionary(p => p.Name, p => p.Value.ToString());
        Assert.Equal(env.OrderBy(e => e.Key, StringComparer.Ordinal), c.Env.OrderBy(e => e.Key, StringComparer.Ordinal));
        foreach (var mount in merged["mounts"] as JArray ?? [])
        {
            var target = mount is JObject obj ? (string?)obj["target"] : ((string)mount!).Split(',').Select(p => p.Split('=', 2)).First(p => p[0] is "target" or "dst" or "destination")[1];
            Assert.Contains(c.Mounts, m => m.Target == target);
        }

        var own = new Dictionary<string, LifecycleCommand?>
        {
            ["onCreateCommand"] = desired.Commands.OnCreate,
            ["updateContentCommand"] = desired.Commands.UpdateContent,
            ["postCreateCommand"] = desired.Commands.PostCreate,
            ["postStartCommand"] = desired.Commands.PostStart,
        };
        foreach (var (phase, command) in own)
        {
            var count = desired.Commands.FromImage.Count(i => i.Phase == phase) + (command is null ? 0 : 1);
            Assert.True((merged[phase + "s"] as JArray)?.Count == count, $"{phase}: reference {merged[phase + "s"]}, Reconciler {count}");
        }
    }

    private static IEnumerable<string> Strings(JToken? token) => token is JArray array ? array.Values<string>().OfType<string>() : [];

    /// <summary>
    /// docs/devcontainer.md, "Deliberate differences": with no metadata entry at all the CLI writes
    /// <c>hostRequirements: {"cpus": null, "memory": "-Infinity", "storage": "-Infinity"}</c> (Math.max of nothing);
    /// Reconciler leaves the field out. Only that exact value is dropped from the reference.
    /// </summary>
    private static JObject WithoutDeliberateDifferences(JObject merged)
    {
        var noRequirements = JObject.Parse("""{"cpus":null,"memory":"-Infinity","storage":"-Infinity"}""");
        return JToken.DeepEquals(merged["hostRequirements"], noRequirements) ? Without(merged, "hostRequirements") : merged;
    }

    private static JObject Without(JObject value, string key)
    {
        var copy = (JObject)value.DeepClone();
        copy.Remove(key);
        return copy;
    }
}
