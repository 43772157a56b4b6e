using System.Globalization;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;

namespace Reconciler.Core.Documents.Jsonc;

/// <summary>
/// Builds a <see cref="JToken"/> tree and its <see cref="SourceMap"/> from scanner tokens. It keeps its own
/// stack of open containers instead of recursing, so no input can exhaust the thread's stack, and it stops at
/// the first syntax error (later positions would only repeat the same mistake).
/// </summary>
internal sealed class JsoncParser
{
    private readonly JsoncScanner _scanner;
    private readonly string _file;
    private readonly SourceMap _map;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly Stack<Frame> _open = new();

    public JsoncParser(string text, string file)
    {
        _scanner = new JsoncScanner(text);
        _file = file;
        _map = new SourceMap(file);
    }

    public ParseResult<LocatedDocument> Parse()
    {
        var token = _scanner.Next();
        if (token.Kind == JsoncTokenKind.End)
        {
            return Fail(token, "empty document: expected a JSON value");
        }

        JToken? root = null;
        var pointer = "";
        string? key = null;
        while (true)
        {
            // Here `token` starts a value at `pointer` (a member named `key` when the parent is an object).
            var value = StartValue(token, pointer, out var opened);
            if (value is null)
            {
                return Failed();
            }

            Attach(value, key);
            root ??= value;
            token = _scanner.Next();

            // Close containers and step over commas until the next value starts or the document ends.
            while (true)
            {
                if (_open.Count == 0)
                {
                    return token.Kind == JsoncTokenKind.End
                        ? Done(root)
                        : Fail(token, $"unexpected {token.Describe()} after the end of the document: expected end of input");
                }

                var frame = _open.Peek();
                var closer = frame.IsArray ? JsoncTokenKind.EndArray : JsoncTokenKind.EndObject;
                var expectedClose = frame.IsArray ? "']'" : "'}'";
                if (!opened)
                {
                    if (token.Kind == closer)
                    {
                        _open.Pop();
                        token = _scanner.Next();
                        continue;
                    }

                    if (token.Kind != JsoncTokenKind.Comma)
                    {
                        return Fail(token, $"unexpected {token.Describe()}: expected ',' or {expectedClose}");
                    }

                    var comma = token;
                    token = _scanner.Next();
                    if (token.Kind == closer)
                    {
                        _diagnostics.Warning(
                            DiagnosticCodes.TrailingComma,
                            $"trailing comma before {expectedClose}: strict JSON does not allow it",
                            Locate(comma));
                        _open.Pop();
                        token = _scanner.Next();
                        continue;
                    }
                }
                else if (token.Kind == closer)
                {
                    opened = false;
                    _open.Pop();
                    token = _scanner.Next();
                    continue;
                }

                opened = false;
                if (frame.IsArray)
                {
                    pointer = JsonPointer.Append(frame.Pointer, frame.Count);
                    key = null;
                    break;
                }

                if (token.Kind != JsoncTokenKind.String)
                {
                    return Fail(token, $"unexpected {token.Describe()}: expected a property name in double quotes" + (frame.Count == 0 ? " or '}'" : ""));
                }

                key = token.Text!;
                pointer = JsonPointer.Append(frame.Pointer, key);
                ReadKey(frame, key, token, pointer);
                token = _scanner.Next();
                if (token.Kind != JsoncTokenKind.Colon)
                {
                    return Fail(token, $"unexpected {token.Describe()}: expected ':' after the property name {MessageText.Quote(key)}");
                }

                token = _scanner.Next();
                break;
            }
        }
    }

    private JToken? StartValue(JsoncToken token, string pointer, out bool opened)
    {
        opened = false;
        if (token.Kind == JsoncTokenKind.Error)
        {
            _diagnostics.Error(DiagnosticCodes.SyntaxError, token.Text!, Locate(token));
            return null;
        }

        if (token.Kind is JsoncTokenKind.BeginArray or JsoncTokenKind.BeginObject)
        {
            if (_open.Count >= InputLimits.MaxDepth)
            {
                _diagnostics.Error(
                    DiagnosticCodes.NestingTooDeep,
                    $"objects and arrays are nested more than {InputLimits.MaxDepth} levels deep",
                    Locate(token));
                return null;
            }

            JContainer container = token.Kind == JsoncTokenKind.BeginArray ? new JArray() : new JObject();
            _map.SetValue(pointer, Locate(token));
            _open.Push(new Frame(container, pointer));
            opened = true;
            return container;
        }

        JValue? scalar = token.Kind switch
        {
            JsoncTokenKind.String => new JValue(token.Text),
            JsoncTokenKind.True => new JValue(true),
            JsoncTokenKind.False => new JValue(false),
            JsoncTokenKind.Null => JValue.CreateNull(),
            JsoncTokenKind.Number => ParseNumber(token),
            _ => null,
        };
        if (scalar is null)
        {
            if (token.Kind != JsoncTokenKind.Number)
            {
                _diagnostics.Error(
                    DiagnosticCodes.SyntaxError,
                    $"unexpected {token.Describe()}: expected a value (a string in double quotes, a number, true, false, null, an object or an array)",
                    Locate(token));
            }

            return null;
        }

        _map.SetValue(pointer, Locate(token));
        return scalar;
    }

    private JValue? ParseNumber(JsoncToken token)
    {
        var text = token.Text!;
        var integral = !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase);
        if (integral && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return new JValue(whole);
        }

        // Integers beyond long become doubles (as JavaScript reads them); beyond double they are an error.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return new JValue(real);
        }

        _diagnostics.Error(DiagnosticCodes.SyntaxError, $"number {MessageText.Escape(text)} is out of range: expected at most about 1.8e308", Locate(token));
        return null;
    }

    private void ReadKey(Frame frame, string key, JsoncToken token, string pointer)
    {
        var location = Locate(token);
        if (frame.KeyLines!.TryGetValue(key, out var firstLine))
        {
            _diagnostics.Error(
                DiagnosticCodes.DuplicateKey,
                $"duplicate key {MessageText.Quote(key)}: it is already defined on line {firstLine}",
                location,
                pointer);
            return;
        }

        frame.KeyLines[key] = token.Line;
        _map.SetKey(pointer, location);
    }

    private void Attach(JToken value, string? key)
    {
        // The value was pushed already when it is a container, so its parent is one below the top.
        var parent = value is JContainer && _open.Count > 0 && ReferenceEquals(_open.Peek().Container, value)
            ? _open.ElementAtOrDefault(1)
            : _open.Count > 0 ? _open.Peek() : null;
        if (parent is null)
        {
            return;
        }

        parent.Count++;
        if (parent.Container is JObject obj)
        {
            obj[key!] = value;
        }
        else
        {
            ((JArray)parent.Container).Add(value);
        }
    }

    private SourceLocation Locate(JsoncToken token) => new(_file, token.Line, token.Column);

    private ParseResult<LocatedDocument> Fail(JsoncToken token, string message)
    {
        var code = DiagnosticCodes.SyntaxError;
        _diagnostics.Error(code, token.Kind == JsoncTokenKind.Error ? token.Text! : message, Locate(token));
        return Failed();
    }

    private ParseResult<LocatedDocument> Failed() => ParseResult<LocatedDocument>.Failed(_diagnostics.Items);

    private ParseResult<LocatedDocument> Done(JToken root)
        => _diagnostics.HasErrors ? Failed() : new ParseResult<LocatedDocument>(new LocatedDocument(root, _map), _diagnostics.Items);

    private sealed class Frame(JContainer container, string pointer)
    {
        public JContainer Container { get; } = container;

        public string Pointer { get; } = pointer;

        public bool IsArray => Container is JArray;

        public int Count { get; set; }

        public Dictionary<string, int>? KeyLines { get; } = container is JObject ? new(StringComparer.Ordinal) : null;
    }
}
