using System.Text;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

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

        var reader = new Reader(file);
        try
        {
            reader.Run(new Parser(new StringReader(text)));
        }
        catch (YamlException ex)
        {
            reader.Errors.Add(Diagnostic.Error(DiagnosticCodes.SyntaxError, YamlMessages.Clean(ex.Message), reader.Locate(ex.Start), ""));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or OverflowException or InsufficientExecutionStackException)
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

    private sealed class Frame(JContainer container, string pointer)
    {
        public JContainer Container { get; } = container;

        public string Pointer { get; } = pointer;

        public string? PendingKey { get; set; }

        public SourceLocation? PendingKeyLocation { get; set; }

        public Dictionary<string, int> KeyLines { get; } = new(StringComparer.Ordinal);

        public int NextIndex { get; set; }
    }

    private sealed class Reader(string file)
    {
        private readonly Stack<Frame> _stack = new();
        private int _documents;

        public List<Diagnostic> Errors { get; } = [];

        public SourceMap Map { get; } = new(file);

        public JToken? Root { get; private set; }

        /// <summary>Where the last event that was read successfully started.</summary>
        public SourceLocation LastLocation { get; private set; } = SourceLocation.StartOf(file);

        public SourceLocation Locate(Mark mark)
            => new(file, (int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));

        public void Run(Parser parser)
        {
            while (Errors.Count < MaxErrors && parser.MoveNext())
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
                _stack.Push(new Frame(container, pointer));
            }

            return true;
        }

        private bool OnKey(Frame mapping, ParsingEvent node, SourceLocation location)
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

        private void Attach(Frame? parent, JToken value)
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
}
