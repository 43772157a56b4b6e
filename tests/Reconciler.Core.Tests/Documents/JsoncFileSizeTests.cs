using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Tests.Documents;

public sealed class JsoncFileSizeTests
{
    [Fact]
    public void Rejects_a_2_MB_file_at_its_start_without_parsing()
    {
        // Not even valid JSON: the size check comes first.
        var error = Jsonc.SingleError("{" + new string(' ', 2 * 1024 * 1024));

        Assert.Equal(DiagnosticCodes.FileTooLarge, error.Code);
        Jsonc.AssertAt(error.Location, 1, 1);
    }

    [Fact]
    public void Counts_utf8_bytes_not_characters()
    {
        // 400,000 'é' are 800,000 bytes plus the quotes: under the limit; 600,000 are 1.2 MB: over.
        Jsonc.ReadOk("\"" + new string('é', 400_000) + "\"");

        Assert.Equal(DiagnosticCodes.FileTooLarge, Jsonc.SingleError("\"" + new string('é', 600_000) + "\"").Code);
    }

    [Fact]
    public void Accepts_a_file_of_exactly_the_limit()
        => Jsonc.ReadOk("\"" + new string('a', InputLimits.MaxFileBytes - 2) + "\"");
}
