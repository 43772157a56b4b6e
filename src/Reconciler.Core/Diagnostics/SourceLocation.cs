namespace Reconciler.Core.Diagnostics;

/// <summary>A position in a source file. Line and column are 1-based, as editors show them.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";

    public static SourceLocation StartOf(string file) => new(file, 1, 1);
}
