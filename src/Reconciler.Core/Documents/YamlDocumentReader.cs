using System.Text;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using YamlDotNet.Core;

namespace Reconciler.Core.Documents;

/// <summary>
/// Reads one YAML document into a <see cref="LocatedDocument"/>. The accepted language is deliberately small:
/// one document, scalar keys, no anchors, aliases or tags (so "billion laughs" expansion cannot happen), nesting
/// at most <see cref="InputLimits.MaxDepth"/> deep and files at most <see cref="InputLimits.MaxFileBytes"/> long.
/// The tree is built with an explicit stack, never recursion, and the method never throws.
/// </summary>
public static class YamlDocumentReader
{
    /// <summary>Stop collecting after this many errors: a hostile file must not produce a million diagnostics.</summary>
    private const int MaxErrors = 50;

    public static ParseResult<LocatedDocument> Read(string text, string file)
    {
        text ??= "";
        file ??= "";
        if (text.Length > InputLimits.MaxFileBytes || Encoding.UTF8.GetByteCount(text) > InputLimits.MaxFileBytes)
        {
            return Fail(DiagnosticCodes.FileTooLarge,
                $"file is larger than {InputLimits.MaxFileBytes / 1024} KiB; workspace files are a few KiB",
                SourceLocation.StartOf(file));
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var reader = new YamlTreeBuilder(file);
        try
        {
            reader.Run(new Parser(new StringReader(text)), MaxErrors);
        }
        catch (YamlException ex)
        {
            reader.Errors.Add(Diagnostic.Error(DiagnosticCodes.SyntaxError, YamlMessages.Clean(ex.Message), reader.Locate(ex.Start), ""));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // YamlDotNet documents only YamlException, but some malformed input (an unclosed flow list) trips an
            // InvalidOperationException inside its scanner. It is still the input's fault: report where reading stopped.
            reader.Errors.Add(Diagnostic.Error(DiagnosticCodes.SyntaxError,
                $"invalid YAML after this point; check brackets, quotes and indentation ({YamlMessages.Clean(ex.Message)})", reader.LastLocation, ""));
        }

        if (reader.Errors.Count > 0)
        {
            return ParseResult<LocatedDocument>.Failed(reader.Errors);
        }

        if (reader.Root is null || reader.Root.Type == JTokenType.Null)
        {
            return Fail(DiagnosticCodes.SyntaxError, "file is empty", SourceLocation.StartOf(file));
        }

        return new ParseResult<LocatedDocument>(new LocatedDocument(reader.Root, reader.Map), []);
    }

    private static ParseResult<LocatedDocument> Fail(string code, string message, SourceLocation location)
        => ParseResult<LocatedDocument>.Failed([Diagnostic.Error(code, message, location, "")]);
}
