namespace Reconciler.Core.Diagnostics;

/// <summary>The result of reading user input: a value when there were no errors, and every diagnostic.</summary>
public sealed record ParseResult<T>(T? Value, IReadOnlyList<Diagnostic> Diagnostics)
    where T : class
{
    public bool Succeeded => Value is not null && !Diagnostics.Any(d => d.IsError);

    public static ParseResult<T> Failed(IReadOnlyList<Diagnostic> diagnostics) => new(null, diagnostics);
}
