using Reconciler.Core.Configuration;
using Reconciler.Core.Documents;
using Reconciler.Core.Tests.Support;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Documents;

/// <summary>Truncated and mutated files (fixed seed, so failures reproduce) never make a parser throw.</summary>
public sealed class YamlFuzzTests
{
    private const string Alphabet = ":-[]{}&*!|>'\"#%@`,?\n\t \\~0123456789.aZ\uFEFF\u00e9";

    [Fact]
    public void Truncated_and_mutated_inputs_never_throw()
    {
        var seeds = new[] { File.ReadAllText(Examples.Workspace), File.ReadAllText(Examples.Config) };
        var random = new Random(4711);
        var runs = 0;
        foreach (var seed in seeds)
        {
            for (var cut = 0; cut <= seed.Length; cut += 7)
            {
                ParseAll(seed[..cut]);
                runs++;
            }

            for (var i = 0; i < 1500; i++)
            {
                ParseAll(Mutate(seed, random));
                runs++;
            }
        }

        Assert.True(runs > 3000);
    }

    private static void ParseAll(string text)
    {
        var read = YamlDocumentReader.Read(text, Yaml.File);
        var workspace = WorkspaceFileParser.Parse(text, Yaml.File);
        var config = ReconcilerConfigParser.Parse(text, Yaml.File);

        Assert.True(read.Succeeded || read.Diagnostics.Any(d => d.IsError && d.Location is not null));
        Assert.True(workspace.Succeeded || workspace.Diagnostics.All(d => d.Location is not null && d.JsonPointer is not null));
        Assert.True(config.Succeeded || config.Diagnostics.All(d => d.Location is not null && d.JsonPointer is not null));
    }

    private static string Mutate(string text, Random random)
    {
        var chars = new System.Text.StringBuilder(text);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && chars.Length > 0; e++)
        {
            var at = random.Next(chars.Length);
            switch (random.Next(4))
            {
                case 0:
                    chars[at] = Alphabet[random.Next(Alphabet.Length)];
                    break;
                case 1:
                    chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]);
                    break;
                case 2:
                    chars.Remove(at, Math.Min(random.Next(1, 20), chars.Length - at));
                    break;
                default:
                    var from = random.Next(chars.Length);
                    var length = Math.Min(random.Next(1, 40), chars.Length - from);
                    chars.Insert(at, chars.ToString(from, length));
                    break;
            }
        }

        return chars.ToString();
    }
}
