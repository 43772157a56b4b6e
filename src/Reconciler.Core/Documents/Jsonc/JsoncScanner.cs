namespace Reconciler.Core.Documents.Jsonc;

/// <summary>
/// Splits JSON with comments (the devcontainer.json dialect: <c>//</c> and <c>/* */</c> comments) into tokens,
/// tracking 1-based line and column (UTF-16 code units; a tab is one column; CR, LF and CRLF end a line).
/// It never throws: problems come back as <see cref="JsoncTokenKind.Error"/> tokens.
/// </summary>
internal sealed partial class JsoncScanner
{
    private readonly string _text;
    private int _position;
    private int _line = 1;
    private int _lineStart;

    public JsoncScanner(string text)
    {
        _text = text;
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            // A BOM is not part of the content and editors do not count it as a column.
            _position = 1;
            _lineStart = 1;
        }
    }

    public JsoncToken Next()
    {
        var trivia = SkipTrivia();
        if (trivia is { } error)
        {
            return error;
        }

        if (_position >= _text.Length)
        {
            return new JsoncToken(JsoncTokenKind.End, _line, Column);
        }

        var line = _line;
        var column = Column;
        var c = _text[_position];
        switch (c)
        {
            case '{': _position++; return new JsoncToken(JsoncTokenKind.BeginObject, line, column);
            case '}': _position++; return new JsoncToken(JsoncTokenKind.EndObject, line, column);
            case '[': _position++; return new JsoncToken(JsoncTokenKind.BeginArray, line, column);
            case ']': _position++; return new JsoncToken(JsoncTokenKind.EndArray, line, column);
            case ':': _position++; return new JsoncToken(JsoncTokenKind.Colon, line, column);
            case ',': _position++; return new JsoncToken(JsoncTokenKind.Comma, line, column);
            case '"': return ReadString(line, column);
            case '-':
            case >= '0' and <= '9':
                return ReadNumber(line, column);
            default:
                return ReadWord(line, column);
        }
    }

    private int Column => _position - _lineStart + 1;

    private JsoncToken? SkipTrivia()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is ' ' or '\t')
            {
                _position++;
            }
            else if (c is '\r' or '\n')
            {
                NewLine();
            }
            else if (c == '/' && Peek(1) == '/')
            {
                while (_position < _text.Length && _text[_position] is not ('\r' or '\n'))
                {
                    _position++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                var line = _line;
                var column = Column;
                _position += 2;
                while (true)
                {
                    if (_position >= _text.Length)
                    {
                        return Error(line, column, "unterminated block comment: expected '*/'");
                    }

                    if (_text[_position] == '*' && Peek(1) == '/')
                    {
                        _position += 2;
                        break;
                    }

                    if (_text[_position] is '\r' or '\n')
                    {
                        NewLine();
                    }
                    else
                    {
                        _position++;
                    }
                }
            }
            else
            {
                break;
            }
        }

        return null;
    }

    private void NewLine()
    {
        if (_text[_position] == '\r' && Peek(1) == '\n')
        {
            _position++;
        }

        _position++;
        _line++;
        _lineStart = _position;
    }

    private char Peek(int offset)
        => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private JsoncToken ReadWord(int line, int column)
    {
        var start = _position;
        while (_position < _text.Length && _position - start < 40 && char.IsAsciiLetterOrDigit(_text[_position]))
        {
            _position++;
        }

        var word = _text[start.._position];
        switch (word)
        {
            case "true": return new JsoncToken(JsoncTokenKind.True, line, column);
            case "false": return new JsoncToken(JsoncTokenKind.False, line, column);
            case "null": return new JsoncToken(JsoncTokenKind.Null, line, column);
            case "":
                return Error(line, column, $"unexpected character {Show(_text[start])}: expected a JSON value, a comment or punctuation");
            default:
                return new JsoncToken(JsoncTokenKind.Word, line, column, word);
        }
    }

    private static JsoncToken Error(int line, int column, string message)
        => new(JsoncTokenKind.Error, line, column, message);

    /// <summary>A character for a one-line message: printable ones quoted, others as U+XXXX.</summary>
    internal static string Show(char c) => c switch
    {
        '\'' => "\"'\"",
        < ' ' or '\u007F' => $"U+{(int)c:X4}",
        _ when char.IsSurrogate(c) || char.IsWhiteSpace(c) => $"U+{(int)c:X4}",
        _ => $"'{c}'",
    };
}
