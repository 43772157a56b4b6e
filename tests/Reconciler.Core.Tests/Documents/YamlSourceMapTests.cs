using Reconciler.Core.Documents;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Documents;

public sealed class YamlSourceMapTests
{
    private static readonly string Text = Yaml.Lines(
        "version: 1",
        "workspaces:",
        "  - name: trainer",
        "    resources: { cpu: 8 }",
        "    labels:",
        "      team: \"ml\"");

    [Fact]
    public void Keys_and_values_are_located_1_based()
    {
        var map = YamlDocumentReader.Read(Text, Yaml.File).Value!.Map;

        Assert.Equal(new(Yaml.File, 1, 1), map.Locate("/version"));
        Assert.Equal(new(Yaml.File, 1, 10), map.ValueLocation("/version"));
        Assert.Equal(new(Yaml.File, 3, 5), map.Locate("/workspaces/0"));
        Assert.Equal(new(Yaml.File, 3, 5), map.Locate("/workspaces/0/name"));
        Assert.Equal(new(Yaml.File, 3, 11), map.ValueLocation("/workspaces/0/name"));
        Assert.Equal(new(Yaml.File, 4, 18), map.Locate("/workspaces/0/resources/cpu"));
        Assert.Equal(new(Yaml.File, 4, 23), map.ValueLocation("/workspaces/0/resources/cpu"));
        Assert.Equal(new(Yaml.File, 6, 13), map.ValueLocation("/workspaces/0/labels/team"));
    }

    [Fact]
    public void Missing_pointers_locate_to_the_nearest_parent()
    {
        var map = YamlDocumentReader.Read(Text, Yaml.File).Value!.Map;

        Assert.Equal(new(Yaml.File, 4, 5), map.Locate("/workspaces/0/resources/memory"));
    }

    [Fact]
    public void A_byte_order_mark_is_ignored()
    {
        var result = YamlDocumentReader.Read("\uFEFFversion: 1\n", Yaml.File);

        Assert.True(result.Succeeded);
        Assert.Equal(new(Yaml.File, 1, 1), result.Value!.Map.Locate("/version"));
    }
}
