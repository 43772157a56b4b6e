namespace Reconciler.Core.Diagnostics;

/// <summary>Collects diagnostics while parsing; callers decide what an error means for them.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    public void Error(string code, string message, SourceLocation? location = null, string? pointer = null)
        => _items.Add(Diagnostic.Error(code, message, location, pointer));

    public void Warning(string code, string message, SourceLocation? location = null, string? pointer = null)
        => _items.Add(Diagnostic.Warning(code, message, location, pointer));
}
