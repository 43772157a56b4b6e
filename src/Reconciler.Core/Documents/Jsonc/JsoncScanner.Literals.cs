using System.Globalization;
using System.Text;

namespace Reconciler.Core.Documents.Jsonc;

/// <summary>Strings (with JSON escapes) and numbers (JSON grammar: no leading zeros, no bare '.', no hex).</summary>
internal sealed partial class JsoncScanner
{
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
}
