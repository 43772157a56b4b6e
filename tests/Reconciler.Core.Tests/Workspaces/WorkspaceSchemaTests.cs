using Newtonsoft.Json.Linq;
using NJsonSchema;
using Reconciler.Core.Configuration;
using Reconciler.Core.Documents;
using Reconciler.Core.Schemas;
using Reconciler.Core.Tests.Support;
using Reconciler.Core.Workspaces;

namespace Reconciler.Core.Tests.Workspaces;

/// <summary>The embedded schema is what editors see, so it must load, describe every key and match the binder's words.</summary>
public sealed class WorkspaceSchemaTests
{
    [Theory]
    [InlineData(EmbeddedSchemas.Workspace)]
    [InlineData(EmbeddedSchemas.ReconcilerConfig)]
    public async Task The_embedded_schema_is_a_draft_07_json_schema_with_id_and_title(string name)
    {
        var text = EmbeddedSchemas.ReadText(name);
        var json = JObject.Parse(text);

        var schema = await JsonSchema.FromJsonAsync(text);

        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)json["$schema"]);
        Assert.EndsWith(name, (string?)json["$id"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)json["title"]));
        Assert.NotEmpty(schema.Properties);
    }

    [Theory]
    [InlineData(EmbeddedSchemas.Workspace)]
    [InlineData(EmbeddedSchemas.ReconcilerConfig)]
    public void Every_property_has_a_description_and_every_object_is_closed(string name)
    {
        var schema = EmbeddedSchemas.Get(name);
        var seen = new HashSet<JsonSchema>();
        var pending = new Stack<(string Path, JsonSchema Schema)>([("", schema)]);
        while (pending.TryPop(out var item))
        {
            var current = item.Schema.ActualSchema;
            if (!seen.Add(current))
            {
                continue;
            }

            if (current.Properties.Count > 0)
            {
                Assert.False(current.AllowAdditionalProperties, $"{item.Path} allows unknown keys");
            }

            foreach (var (key, property) in current.Properties)
            {
                Assert.False(string.IsNullOrWhiteSpace(property.ActualSchema.Description), $"{item.Path}.{key} has no description");
                pending.Push(($"{item.Path}.{key}", property));
            }

            foreach (var child in new[] { current.Item, current.AdditionalPropertiesSchema }.OfType<JsonSchema>().Concat(current.OneOf))
            {
                pending.Push((item.Path + "[]", child));
            }
        }

        Assert.True(seen.Count > 3);
    }

    [Fact]
    public void The_schema_enums_are_the_vocabulary_of_the_binder()
    {
        var definitions = JObject.Parse(WorkspaceSchema.Text)["definitions"]!;

        AssertEnum<DeploymentKind>(definitions["deployment"]!);
        AssertEnum<WorkspaceType>(definitions["type"]!);
        AssertEnum<GpuMode>(definitions["gpu"]!["properties"]!["mode"]!);
        AssertEnum<StorageType>(definitions["volume"]!["properties"]!["type"]!);
        AssertEnum<PortExposure>(definitions["port"]!["properties"]!["expose"]!);
        AssertEnum<LifecyclePolicy>(definitions["lifecycle"]!["properties"]!["policy"]!);
    }

    [Fact]
    public void The_documented_examples_validate()
    {
        var workspace = YamlDocumentReader.Read(File.ReadAllText(Examples.Workspace), Yaml.File).Value!;
        var config = YamlDocumentReader.Read(File.ReadAllText(Examples.Config), Yaml.File).Value!;

        Assert.Empty(SchemaDiagnostics.Validate(WorkspaceSchema.Schema, workspace));
        Assert.Empty(SchemaDiagnostics.Validate(EmbeddedSchemas.Get(EmbeddedSchemas.ReconcilerConfig), config));
        Assert.True(ReconcilerConfigParser.Parse(File.ReadAllText(Examples.Config), Yaml.File).Succeeded);
    }

    private static void AssertEnum<TEnum>(JToken schema)
        where TEnum : struct, Enum
    {
        var expected = Enum.GetValues<TEnum>().Select(v => WorkspaceVocabulary.ToYaml(v));
        Assert.Equal(expected, schema["enum"]!.Values<string>());
    }
}
