using System.Text;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents.Jsonc;

namespace Reconciler.Core.Documents;

/// <summary>
/// Reads JSON with comments as devcontainer.json allows it: <c>//</c> and <c>/* */</c> comments, trailing
/// commas (a warning), an optional UTF-8 byte order mark. Never throws; every problem is a located diagnostic.
/// </summary>
public static class JsoncReader
{
    public static ParseResult<LocatedDocument> Read(string text, string file)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(file);

        // A UTF-16 char is 1 to 3 UTF-8 bytes (a surrogate pair 4 for 2), so only the middle band needs counting.
        var tooLarge = text.Length > InputLimits.MaxFileBytes
            || (text.Length > InputLimits.MaxFileBytes / 3 && Encoding.UTF8.GetByteCount(text) > InputLimits.MaxFileBytes);
        if (tooLarge)
        {
            return ParseResult<LocatedDocument>.Failed(
            [
                Diagnostic.Error(
                    DiagnosticCodes.FileTooLarge,
                    $"file is larger than {InputLimits.MaxFileBytes / 1024} KiB; devcontainer.json files are a few KiB",
                    SourceLocation.StartOf(file)),
            ]);
        }

        return new JsoncParser(text, file).Parse();
    }
}
