using System.Text.RegularExpressions;
using Reconciler.Core.Devcontainers;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Docker.Tests.Parity;

/// <summary>
/// Which configurations the parity test runs. From the corpus: every devcontainer.json (manifests/devcontainer.tsv, kind
/// devcontainer) that Reconciler parses without error, that names an <c>image</c> that is a valid image reference after
/// substitution (no <c>${templateOption:…}</c> left), and that has no <c>build</c>/<c>dockerFile</c>, no
/// <c>dockerComposeFile</c> and no <c>features</c>: those need no internet once a local stand-in image carries the name.
/// Everything else would make @devcontainers/cli pull an image, a base image or a Feature (the corpus keeps no local
/// Feature folders, so its configurations with <c>./path</c> Features cannot be read either).
/// Plus the purpose-made cases under Parity/testdata.
/// </summary>
public static partial class ParitySelection
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in Corpus())
        {
            data.Add("corpus:" + name);
        }

        foreach (var folder in Directory.GetDirectories(TestData).Order(StringComparer.Ordinal))
        {
            data.Add("testdata:" + Path.GetFileName(folder));
        }

        return data;
    }

    public static string TestData => Path.Combine(TestPaths.RepositoryRoot, "tests", "Reconciler.Runtime.Docker.Tests", "Parity", "testdata");

    public static IReadOnlyList<string> Corpus()
    {
        var manifest = File.ReadAllLines(TestPaths.Fixture("manifests", "devcontainer.tsv")).Skip(1).Select(l => l.Split('\t'));
        var selected = new List<string>();
        foreach (var row in manifest.Where(r => r.Length > 1 && r[1] == "devcontainer"))
        {
            var name = Path.GetFileName(row[0]);
            var text = File.ReadAllText(TestPaths.Fixture("devcontainer-corpus", name));
            var parsed = DevcontainerParser.Parse(text, name, SubstitutionContext.Empty("/tmp/parity", "id"));
            if (parsed.Succeeded && parsed.Value is { Build: null, Compose: null, Image: { } image } config
                && ImageReference().IsMatch(image)
                && config.Features.Count == 0)
            {
                selected.Add(name);
            }
        }

        return selected;
    }

    [GeneratedRegex(@"^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$")]
    private static partial Regex ImageReference();
}
