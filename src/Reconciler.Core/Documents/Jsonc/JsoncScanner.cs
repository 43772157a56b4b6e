using System.Globalization;
using System.Text;

namespace Reconciler.Core.Documents.Jsonc;

/// <summary>
/// Splits JSON with comments (the devcontainer.json dialect: <c>//</c> and <c>/* */</c> comments) into tokens,
/// tracking 1-based line and column (UTF-16 code units; a tab is one column; CR, LF and CRLF end a line).
/// It never throws: problems come back as <see cref="JsoncTokenKind.Error"/> tokens.
/// </summary>
internal sealed class JsoncScanner
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

    private JsoncToken ReadString(int line, int column)
    {
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length || _text[_position] is '\r' or '\n')
            {
                return Error(line, column, "unterminated string: expected '\"' before the end of the line");
            }

            var c = _text[_position];
            if (c == '"')
            {
                _position++;
                return new JsoncToken(JsoncTokenKind.String, line, column, builder.ToString());
            }

            if (c == '\\')
            {
                if (ReadEscape(builder) is { } error)
                {
                    return error;
                }

                continue;
            }

            if (c < ' ' && c != '\t')
            {
                return Error(_line, Column, $"control character {Show(c)} in a string: expected it escaped");
            }

            builder.Append(c);
            _position++;
        }
    }

    private JsoncToken? ReadEscape(StringBuilder builder)
    {
        var line = _line;
        var column = Column;
        var e = Peek(1);
        char? simple = e switch
        {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => null,
        };
        if (simple is { } decoded)
        {
            builder.Append(decoded);
            _position += 2;
            return null;
        }

        if (e == 'u')
        {
            var hex = _position + 6 <= _text.Length ? _text.Substring(_position + 2, 4) : "";
            if (hex.Length == 4 && hex.All(char.IsAsciiHexDigit))
            {
                builder.Append((char)int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                _position += 6;
                return null;
            }

            return Error(line, column, "bad escape: expected four hex digits after '\\u'");
        }

        var shown = e is > ' ' and < '\u007F' ? $"'\\{e}'" : "'\\' followed by " + (_position + 1 < _text.Length ? Show(e) : "end of input");
        return Error(line, column, $"bad escape {shown}: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
    }

    private JsoncToken ReadNumber(int line, int column)
    {
        var start = _position;
        if (Peek(0) == '-')
        {
            _position++;
        }

        if (!char.IsAsciiDigit(Peek(0)))
        {
            return BadNumber(line, column, start, "expected a digit");
        }

        if (Peek(0) == '0' && char.IsAsciiDigit(Peek(1)))
        {
            return BadNumber(line, column, start + 1, "leading zeros are not allowed");
        }

        SkipDigits();
        if (Peek(0) == '.')
        {
            _position++;
            if (!char.IsAsciiDigit(Peek(0)))
            {
                return BadNumber(line, column, start, "expected a digit after '.'");
            }

            SkipDigits();
        }

        if (Peek(0) is 'e' or 'E')
        {
            _position++;
            if (Peek(0) is '+' or '-')
            {
                _position++;
            }

            if (!char.IsAsciiDigit(Peek(0)))
            {
                return BadNumber(line, column, start, "expected a digit in the exponent");
            }

            SkipDigits();
        }

        if (char.IsAsciiLetterOrDigit(Peek(0)) || Peek(0) is '_' or '.')
        {
            return BadNumber(line, column, start, "expected ',', ']' or '}' after a number");
        }

        return new JsoncToken(JsoncTokenKind.Number, line, column, _text[start.._position]);
    }

    private void SkipDigits()
    {
        while (char.IsAsciiDigit(Peek(0)))
        {
            _position++;
        }
    }

    private JsoncToken BadNumber(int line, int column, int start, string expected)
    {
        var end = start;
        while (end < _text.Length && end - start < 40 && (char.IsAsciiLetterOrDigit(_text[end]) || _text[end] is '.' or '-' or '+' or '_'))
        {
            end++;
        }

        var written = _text[start..end];
        return Error(line, column, written.Length == 0 ? $"invalid number: {expected}" : $"invalid number '{written}': {expected}");
    }

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
