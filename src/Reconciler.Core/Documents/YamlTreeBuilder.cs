using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Reconciler.Core.Documents;

/// <summary>A mapping or sequence being filled; for a mapping, the key waiting for its value.</summary>
internal sealed class YamlFrame(JContainer container, string pointer)
{
    public JContainer Container { get; } = container;

    public string Pointer { get; } = pointer;

    public string? PendingKey { get; set; }

    public SourceLocation? PendingKeyLocation { get; set; }

    public Dictionary<string, int> KeyLines { get; } = new(StringComparer.Ordinal);

    public int NextIndex { get; set; }
}

/// <summary>
/// Builds the JSON tree from YamlDotNet parsing events with an explicit stack of open containers, so input depth
/// never becomes call depth. Records problems instead of throwing; <c>false</c> from a handler stops reading.
/// </summary>
internal sealed class YamlTreeBuilder(string file)
{
    private readonly Stack<YamlFrame> _stack = new();
    private int _documents;

    public List<Diagnostic> Errors { get; } = [];

    public SourceMap Map { get; } = new(file);

    public JToken? Root { get; private set; }

    /// <summary>Where the last event that was read successfully started.</summary>
    public SourceLocation LastLocation { get; private set; } = SourceLocation.StartOf(file);

    public SourceLocation Locate(Mark mark)
        => new(file, (int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));

    public void Run(Parser parser, int maxErrors)
    {
        while (Errors.Count < maxErrors && parser.MoveNext())
        {
            LastLocation = Locate(parser.Current!.Start);
            var ok = parser.Current switch
            {
                DocumentStart start => OnDocumentStart(start),
                MappingEnd or SequenceEnd => _stack.TryPop(out _),
                NodeEvent or AnchorAlias => OnNode(parser.Current),
                _ => true,
            };
            if (!ok)
            {
                return;
            }
        }
    }

    private bool OnDocumentStart(DocumentStart start)
    {
        if (++_documents == 1)
        {
            return true;
        }

        return Stop(DiagnosticCodes.SyntaxError, "more than one YAML document ('---'); put everything in one document", Locate(start.Start), "");
    }

    private bool OnNode(ParsingEvent node)
    {
        var location = Locate(node.Start);
        if (_stack.TryPeek(out var parent) && parent.Container is JObject && parent.PendingKey is null)
        {
            return OnKey(parent, node, location);
        }

        var pointer = parent switch
        {
            null => "",
            { Container: JObject } => JsonPointer.Append(parent.Pointer, parent.PendingKey!),
            _ => JsonPointer.Append(parent.Pointer, parent.NextIndex++),
        };
        if (parent is { Container: JObject })
        {
            Map.SetKey(pointer, parent.PendingKeyLocation!);
        }

        Map.SetValue(pointer, location);
        CheckAnchorAndTag(node, location, pointer);

        JToken value;
        switch (node)
        {
            case Scalar scalar:
                value = YamlScalarTyping.ToValue(scalar.Value, scalar.Style);
                break;
            case AnchorAlias alias:
                Error(DiagnosticCodes.YamlAnchorOrAlias, $"alias '*{alias.Value}' is not supported; write the value out", location, pointer);
                value = JValue.CreateNull();
                break;
            case MappingStart or SequenceStart:
                if (_stack.Count >= InputLimits.MaxDepth)
                {
                    return Stop(DiagnosticCodes.NestingTooDeep, $"nesting is deeper than {InputLimits.MaxDepth} levels", location, pointer);
                }

                value = node is MappingStart ? new JObject() : new JArray();
                break;
            default:
                return Stop(DiagnosticCodes.SyntaxError, "unsupported YAML construct", location, pointer);
        }

        Attach(parent, value);
        if (value is JContainer container)
        {
            _stack.Push(new YamlFrame(container, pointer));
        }

        return true;
    }

    private bool OnKey(YamlFrame mapping, ParsingEvent node, SourceLocation location)
    {
        if (node is not Scalar key)
        {
            var what = node is AnchorAlias ? "an alias" : "a mapping or list";
            return Stop(node is AnchorAlias ? DiagnosticCodes.YamlAnchorOrAlias : DiagnosticCodes.SyntaxError,
                $"a key must be a plain value, not {what}", location, mapping.Pointer);
        }

        var pointer = JsonPointer.Append(mapping.Pointer, key.Value);
        CheckAnchorAndTag(node, location, pointer);
        if (mapping.KeyLines.TryGetValue(key.Value, out var firstLine))
        {
            Error(DiagnosticCodes.DuplicateKey, $"duplicate key '{YamlMessages.Shorten(key.Value)}' (first defined on line {firstLine})", location, pointer);
        }
        else
        {
            mapping.KeyLines.Add(key.Value, location.Line);
        }

        mapping.PendingKey = key.Value;
        mapping.PendingKeyLocation = location;
        return true;
    }

    private void Attach(YamlFrame? parent, JToken value)
    {
        switch (parent?.Container)
        {
            case null:
                Root = value;
                break;
            case JObject obj:
                obj[parent.PendingKey!] = value;
                parent.PendingKey = null;
                parent.PendingKeyLocation = null;
                break;
            case JArray array:
                array.Add(value);
                break;
        }
    }

    private void CheckAnchorAndTag(ParsingEvent parsed, SourceLocation location, string pointer)
    {
        if (parsed is not NodeEvent node)
        {
            return;
        }

        if (!node.Anchor.IsEmpty)
        {
            Error(DiagnosticCodes.YamlAnchorOrAlias, $"anchor '&{node.Anchor.Value}' is not supported; write the value out where it is used", location, pointer);
        }

        if (!node.Tag.IsEmpty)
        {
            Error(DiagnosticCodes.YamlTag, $"tag '{node.Tag.Value}' is not supported; quote the value if you want a string", location, pointer);
        }
    }

    private void Error(string code, string message, SourceLocation location, string pointer)
        => Errors.Add(Diagnostic.Error(code, message, location, pointer));

    private bool Stop(string code, string message, SourceLocation location, string pointer)
    {
        Error(code, message, location, pointer);
        return false;
    }
}
