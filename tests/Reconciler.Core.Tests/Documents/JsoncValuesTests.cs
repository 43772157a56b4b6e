using Newtonsoft.Json.Linq;

namespace Reconciler.Core.Tests.Documents;

public sealed class JsoncValuesTests
{
    [Fact]
    public void Reads_every_value_kind()
    {
        var root = (JObject)Jsonc.ReadOk("""
            {"s": "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00", "i": -42, "l": 9007199254740993, "big": 123456789012345678901234567890,
             "f": 1.5e-3, "t": true, "no": false, "nil": null, "arr": [1, "x", []], "obj": {"k": {}}}
            """).Root;

        Assert.Equal("a\"b\\c/d\b\f\n\r\t\u00e9\U0001F600", (string?)root["s"]);
        Assert.Equal(JTokenType.Integer, root["i"]!.Type);
        Assert.Equal(-42L, (long)root["i"]!);
        Assert.Equal(9007199254740993L, (long)root["l"]!);
        Assert.Equal(JTokenType.Float, root["big"]!.Type);
        Assert.Equal(1.2345678901234568E+29, (double)root["big"]!);
        Assert.Equal(0.0015, (double)root["f"]!);
        Assert.True((bool)root["t"]!);
        Assert.False((bool)root["no"]!);
        Assert.Equal(JTokenType.Null, root["nil"]!.Type);
        Assert.Equal(3, ((JArray)root["arr"]!).Count);
        Assert.Empty((JObject)root["obj"]!["k"]!);
    }

    [Theory]
    [InlineData("42", JTokenType.Integer)]
    [InlineData("\"x\"", JTokenType.String)]
    [InlineData("null", JTokenType.Null)]
    [InlineData("[]", JTokenType.Array)]
    [InlineData("  // only a comment before\n  true  /* and after */ ", JTokenType.Boolean)]
    public void Reads_any_value_as_the_document(string text, JTokenType type)
        => Assert.Equal(type, Jsonc.ReadOk(text).Root.Type);

    [Fact]
    public void Skips_comments_everywhere_but_inside_strings()
    {
        var root = Jsonc.ReadOk("""
            // leading
            { /* a */ "url": "https://example.com/*not a comment*/" // trailing
              , /* multi
              line */ "n" /* x */ : /* y */ 1 }
            """).Root;

        Assert.Equal("https://example.com/*not a comment*/", (string?)root["url"]);
        Assert.Equal(1L, (long)root["n"]!);
    }

    [Fact]
    public void Records_key_and_value_locations()
    {
        var text = "{\n  // comment\n  \"name\": \"dev\",\n\t\"ports\": [ 80,\r\n      {\"x\": null} ]\n}";
        var map = Jsonc.ReadOk(text).Map;

        Jsonc.AssertAt(map.ValueLocation(""), 1, 1);
        Jsonc.AssertAt(map.Locate("/name"), 3, 3);
        Jsonc.AssertAt(map.ValueLocation("/name"), 3, 11);
        Jsonc.AssertAt(map.Locate("/ports"), 4, 2);
        Jsonc.AssertAt(map.ValueLocation("/ports"), 4, 11);
        Jsonc.AssertAt(map.ValueLocation("/ports/0"), 4, 13);
        Jsonc.AssertAt(map.ValueLocation("/ports/1"), 5, 7);
        Jsonc.AssertAt(map.Locate("/ports/1/x"), 5, 8);
        Jsonc.AssertAt(map.ValueLocation("/ports/1/x"), 5, 13);
    }

    [Fact]
    public void Escapes_keys_in_pointers()
    {
        var map = Jsonc.ReadOk("{\"a/b\": {\"c~d\": 1}}").Map;

        Jsonc.AssertAt(map.Locate("/a~1b/c~0d"), 1, 10);
    }

    [Fact]
    public void Ignores_a_leading_byte_order_mark()
    {
        var document = Jsonc.ReadOk("\uFEFF{\"a\": 1}");

        Assert.Equal(1L, (long)document.Root["a"]!);
        Jsonc.AssertAt(document.Map.Locate("/a"), 1, 2);
    }

    [Fact]
    public void Counts_a_lone_carriage_return_as_a_line_break()
        => Jsonc.AssertAt(Jsonc.ReadOk("{\r\"a\":\r1}").Map.ValueLocation("/a"), 3, 1);
}
