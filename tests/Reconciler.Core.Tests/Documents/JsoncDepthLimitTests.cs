using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Tests.Documents;

/// <summary>Depth is capped so a hostile file cannot exhaust the worker's stack.</summary>
public sealed class JsoncDepthLimitTests
{
    [Fact]
    public void Accepts_nesting_up_to_the_limit()
    {
        var text = new string('[', InputLimits.MaxDepth) + new string(']', InputLimits.MaxDepth);

        Jsonc.ReadOk(text);
    }

    [Fact]
    public void Rejects_the_first_container_past_the_limit()
    {
        var error = Jsonc.SingleError(new string('[', InputLimits.MaxDepth + 1) + new string(']', InputLimits.MaxDepth + 1));

        Assert.Equal(DiagnosticCodes.NestingTooDeep, error.Code);
        Jsonc.AssertAt(error.Location, 1, InputLimits.MaxDepth + 1);
    }

    [Theory]
    [InlineData(10_000)]
    [InlineData(1_000_000)]
    public void A_bracket_bomb_is_an_error_not_a_crash(int depth)
    {
        var error = Jsonc.SingleError(new string('[', depth));

        Assert.Equal(DiagnosticCodes.NestingTooDeep, error.Code);
        Jsonc.AssertAt(error.Location, 1, InputLimits.MaxDepth + 1);
    }

    [Fact]
    public void Counts_objects_and_arrays_together()
    {
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < 40; i++)
        {
            builder.Append("{\"a\":[\n");
        }

        var error = Jsonc.SingleError(builder.ToString());

        Assert.Equal(DiagnosticCodes.NestingTooDeep, error.Code);
        Jsonc.AssertAt(error.Location, 33, 1);
    }
}
