using System.Reflection;
using Reconciler.Core.Diagnostics;
using Reconciler.TestKit;

namespace Reconciler.Core.Tests.Diagnostics;

public sealed class DiagnosticsDocumentationTests
{
    [Fact]
    public void Every_code_is_documented_once_and_unique()
    {
        var docs = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "diagnostics.md"));
        var codes = typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (Name: f.Name, Code: (string)f.GetValue(null)!))
            .ToList();

        Assert.Equal(codes.Count, codes.Select(c => c.Code).Distinct().Count());
        Assert.All(codes, c => Assert.Contains($"| {c.Code} | `{c.Name}` |", docs));
    }
}
