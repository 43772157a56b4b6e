using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Tests.Documents;

public sealed class JsoncDuplicateKeyTests
{
    [Fact]
    public void Reports_the_second_key_and_the_line_of_the_first()
    {
        var error = Jsonc.SingleError("{\n  \"image\": \"a\",\n  \"name\": \"x\",\n    \"image\": \"b\"\n}");

        Assert.Equal(DiagnosticCodes.DuplicateKey, error.Code);
        Jsonc.AssertAt(error.Location, 4, 5);
        Assert.Contains("\"image\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Equal("/image", error.JsonPointer);
    }

    [Fact]
    public void Reports_every_duplicate_and_allows_the_same_key_in_different_objects()
    {
        var result = JsoncReader.Read("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}, \"a\": 3, \"b\": 4}", Jsonc.File);

        Assert.Null(result.Value);
        Assert.Equal(["/a", "/b"], result.Diagnostics.Select(d => d.JsonPointer));
        Assert.All(result.Diagnostics, d => Assert.Equal(DiagnosticCodes.DuplicateKey, d.Code));
    }

    [Fact]
    public void Keys_differing_only_in_case_are_distinct()
        => Assert.Equal(2, Jsonc.ReadOk("{\"Image\": 1, \"image\": 2}").Root.Count());
}
