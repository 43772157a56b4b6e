using System.Text;
using Reconciler.Core.Devcontainers;
using Reconciler.Core.Documents;
using Reconciler.TestKit;

namespace Reconciler.Core.Tests.Documents;

/// <summary>The readers must never throw: broken input is a diagnostic, whatever it looks like.</summary>
public sealed class JsoncRobustnessTests
{
    private const string Sample = """
        {
          // comment
          "name": "x\u00e9\"\\", /* block */ "n": -12.5e3, "big": 123456789012345678901234567890,
          "a": [1, true, false, null, {"k": "v",}, [],], "o": {},
          "runArgs": ["--cpus=2", "-e", "A=b"], "mounts": ["type=bind,source=/a,target=/b"],
          "postCreateCommand": {"a": "x", "b": ["y"]}, "workspaceFolder": "${localEnv:X:y}/${containerEnv:Z}"
        }
        """;

    public static TheoryData<string> Seeds()
    {
        var data = new TheoryData<string> { Sample };
        var corpus = TestPaths.Fixture("devcontainer-corpus");
        foreach (var path in Directory.GetFiles(corpus, "*.json").Order(StringComparer.Ordinal).Take(8))
        {
            data.Add(File.ReadAllText(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_prefix_reads_without_throwing(string text)
    {
        for (var length = 0; length <= text.Length; length++)
        {
            AssertNoThrow(text[..length]);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_mutations_read_without_throwing(string text)
    {
        var random = new Random(20240611);
        var bytes = Encoding.UTF8.GetBytes(text);
        const string Interesting = "{}[]\",:/*\\\n\r\t 0-.eE+u${}tfn\uFEFF\u00e9";
        for (var round = 0; round < 500; round++)
        {
            var mutated = (byte[])bytes.Clone();
            for (var flips = random.Next(1, 6); flips > 0 && mutated.Length > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            AssertNoThrow(Encoding.UTF8.GetString(mutated));

            var chars = text.ToCharArray();
            for (var edits = random.Next(1, 4); edits > 0 && chars.Length > 0; edits--)
            {
                chars[random.Next(chars.Length)] = Interesting[random.Next(Interesting.Length)];
            }

            AssertNoThrow(new string(chars));
        }
    }

    [Fact]
    public void Random_token_soup_reads_without_throwing()
    {
        var random = new Random(7);
        string[] pieces = ["{", "}", "[", "]", ",", ":", "\"a\"", "\"", "1", "-", "1e", "0.", "true", "nul", "//x\n", "/*", "*/", " ", "\n", "\\", "\"\\u12\"", "${localEnv:A}"];
        for (var round = 0; round < 3000; round++)
        {
            var builder = new StringBuilder();
            for (var n = random.Next(0, 40); n > 0; n--)
            {
                builder.Append(pieces[random.Next(pieces.Length)]);
            }

            AssertNoThrow(builder.ToString());
        }
    }

    private static void AssertNoThrow(string text)
    {
        var read = JsoncReader.Read(text, "f.json");
        Assert.Equal(read.Value is null, read.Diagnostics.Any(d => d.IsError));
        Assert.All(read.Diagnostics, d => Assert.NotNull(d.Location));

        var parsed = DevcontainerParser.Parse(text, "f.json", SubstitutionContext.Empty("/src/p", "id"));
        Assert.Equal(parsed.Value is null, parsed.Diagnostics.Any(d => d.IsError));
        Assert.All(parsed.Diagnostics, d => Assert.DoesNotContain('\n', d.Message));
    }
}
