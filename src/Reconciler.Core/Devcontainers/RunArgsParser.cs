using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Devcontainers;

/// <summary>
/// Reads devcontainer.json <c>runArgs</c> as <c>docker run</c> would (<c>--flag=value</c>, <c>--flag value</c>,
/// <c>-f value</c>, <c>-fvalue</c>). Nothing is passed to the engine unparsed: every element must be a flag
/// from <see cref="RunFlags"/> or its value; anything else is <see cref="DiagnosticCodes.UnknownRunArg"/>.
/// </summary>
internal static class RunArgsParser
{
    public static (IReadOnlyList<string> Written, DockerRunOptions Options) Parse(JToken? token, string pointer, JsonBinder binder)
    {
        var array = binder.Array(token, pointer);
        if (array is null)
        {
            return ([], new DockerRunOptions());
        }

        var args = new List<(string Text, string Pointer)>();
        for (var i = 0; i < array.Count; i++)
        {
            var elementPointer = JsonPointer.Append(pointer, i);
            if (binder.String(array[i], elementPointer) is { } text)
            {
                args.Add((text, elementPointer));
            }
        }

        var builder = new RunOptionsBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            var (arg, argPointer) = args[i];
            if (!TrySplit(arg, out var name, out var inline))
            {
                binder.Error(DiagnosticCodes.UnknownRunArg, argPointer, $"runArgs: {MessageText.Quote(arg)} is not a docker run flag; {NothingUnparsed}");
                continue;
            }

            var flag = RunFlags.Find(name);
            if (flag is null)
            {
                binder.Error(DiagnosticCodes.UnknownRunArg, argPointer, $"runArgs: unsupported docker run flag {MessageText.Quote(name)}; {NothingUnparsed}");

                // `--unknown value`: the value belongs to the flag already reported.
                if (inline is null && i + 1 < args.Count && !args[i + 1].Text.StartsWith('-'))
                {
                    i++;
                }

                continue;
            }

            var value = inline;
            if (value is null && !flag.IsBoolean)
            {
                if (i + 1 >= args.Count)
                {
                    binder.Error(DiagnosticCodes.InvalidRunArg, argPointer, $"runArgs: {name} needs a value: expected {name}=VALUE or {name} VALUE");
                    continue;
                }

                value = args[++i].Text;
                argPointer = args[i].Pointer;
            }

            if (flag.Apply(builder, value) is { } error)
            {
                binder.Error(DiagnosticCodes.InvalidRunArg, argPointer, $"runArgs: {name}: {error}");
            }
            else if (flag.Name == "--name")
            {
                binder.Warning(DiagnosticCodes.InvalidRunArg, argPointer, "runArgs: --name is recorded but not used: Reconciler names containers itself");
            }
        }

        return (args.ConvertAll(a => a.Text), builder.Build());
    }

    private const string NothingUnparsed = "Reconciler passes nothing unparsed to the container engine (supported flags: docs/devcontainer.md)";

    /// <summary>Splits <c>--name=value</c>, <c>-e=value</c> and <c>-eVALUE</c>; false when it is not a flag.</summary>
    internal static bool TrySplit(string arg, out string name, out string? inline)
    {
        name = arg;
        inline = null;
        if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
        {
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                inline = arg[(equals + 1)..];
            }

            return true;
        }

        if (arg.Length >= 2 && arg[0] == '-' && arg[1] != '-')
        {
            name = arg[..2];
            if (arg.Length > 2)
            {
                inline = arg[2] == '=' ? arg[3..] : arg[2..];
            }

            return true;
        }

        return false;
    }

}
