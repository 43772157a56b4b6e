using Newtonsoft.Json.Linq;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Devcontainers;

/// <summary>
/// Lifecycle commands in their three devcontainer forms: a string (run by a shell), an array of strings (run
/// directly) or an object of named commands run in parallel, whose values are strings or arrays.
/// </summary>
internal static class LifecycleCommandReader
{
    public static LifecycleCommand? Read(JToken? token, string pointer, JsonBinder binder)
    {
        if (token is JObject obj)
        {
            var parallel = new Dictionary<string, LifecycleCommand>(StringComparer.Ordinal);
            foreach (var property in obj.Properties())
            {
                if (ReadSingle(property.Value, JsonPointer.Append(pointer, property.Name), binder, "a string or an array of strings") is { } command)
                {
                    parallel[property.Name] = command;
                }
            }

            return new LifecycleCommand(LifecycleCommandForm.Parallel, Parallel: parallel);
        }

        return ReadSingle(token, pointer, binder, "a string, an array of strings or an object of named commands");
    }

    /// <summary>Reads a command from image metadata (no source file): null when it has none of the three forms.</summary>
    public static LifecycleCommand? FromToken(JToken token)
    {
        var diagnostics = new Diagnostics.DiagnosticBag();
        var command = Read(token, "", new JsonBinder(new SourceMap("image metadata"), diagnostics));
        return diagnostics.HasErrors ? null : command;
    }

    private static LifecycleCommand? ReadSingle(JToken? token, string pointer, JsonBinder binder, string expected)
    {
        switch (token)
        {
            case null:
                return null;
            case JValue { Type: JTokenType.String } value:
                return LifecycleCommand.FromShell((string)value.Value!);
            case JArray array:
                if (array.Count == 0)
                {
                    binder.Invalid(pointer, "an empty array is no command: expected the program and its arguments");
                    return null;
                }

                var argv = binder.StringArray(array, pointer);
                return argv.Count == array.Count ? LifecycleCommand.FromExec(argv) : null;
            default:
                binder.WrongType(token, pointer, expected);
                return null;
        }
    }
}
