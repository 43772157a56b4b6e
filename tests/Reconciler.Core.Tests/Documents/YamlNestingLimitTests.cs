using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Documents;

/// <summary>Deep nesting is refused at <see cref="InputLimits.MaxDepth"/> instead of overflowing the stack.</summary>
public sealed class YamlNestingLimitTests
{
    private const int Depth = 10_000;

    [Fact]
    public void Deep_flow_sequences_are_rejected()
    {
        var text = new string('[', Depth) + new string(']', Depth) + "\n";

        var error = Yaml.Single(YamlDocumentReader.Read(text, Yaml.File).Diagnostics, DiagnosticCodes.NestingTooDeep);

        Yaml.AssertAt(error, 1, InputLimits.MaxDepth + 1);
    }

    [Fact]
    public void Deep_flow_mappings_are_rejected()
    {
        var text = string.Concat(Enumerable.Repeat("{a: ", Depth)) + "1" + new string('}', Depth) + "\n";

        var error = Yaml.Single(YamlDocumentReader.Read(text, Yaml.File).Diagnostics, DiagnosticCodes.NestingTooDeep);

        Assert.Equal(1, error.Location!.Line);
    }

    [Fact]
    public void Deep_block_sequences_are_rejected()
    {
        var text = string.Concat(Enumerable.Repeat("- ", Depth)) + "x\n";

        var error = Yaml.Single(YamlDocumentReader.Read(text, Yaml.File).Diagnostics, DiagnosticCodes.NestingTooDeep);

        Yaml.AssertAt(error, 1, (2 * InputLimits.MaxDepth) + 1);
    }

    [Fact]
    public void Deep_block_mappings_are_rejected()
    {
        // 1,000 levels: indentation makes deeper block mappings exceed the file size limit first.
        var lines = Enumerable.Range(0, 1000).Select(i => new string(' ', i) + "a:");
        var text = string.Join('\n', lines) + " 1\n";

        var error = Yaml.Single(YamlDocumentReader.Read(text, Yaml.File).Diagnostics, DiagnosticCodes.NestingTooDeep);

        Assert.Equal(InputLimits.MaxDepth + 1, error.Location!.Line);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_accepted()
    {
        var text = new string('[', InputLimits.MaxDepth) + new string(']', InputLimits.MaxDepth) + "\n";

        Assert.True(YamlDocumentReader.Read(text, Yaml.File).Succeeded);
    }
}
