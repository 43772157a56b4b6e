using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;

namespace Reconciler.Core.Documents;

/// <summary>
/// Types plain scalars by the YAML 1.2 core schema, so <c>on</c>, <c>yes</c>, <c>0755</c> and dates stay strings
/// (the YAML 1.1 surprises). Quoted and block scalars are always strings.
/// </summary>
internal static partial class YamlScalarTyping
{
    public static JValue ToValue(string text, ScalarStyle style)
    {
        if (style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return new JValue(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return JValue.CreateNull();
            case "true" or "True" or "TRUE":
                return new JValue(true);
            case "false" or "False" or "FALSE":
                return new JValue(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return new JValue(double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return new JValue(double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN":
                return new JValue(double.NaN);
        }

        if (DecimalInt().IsMatch(text))
        {
            // Integers too large for a long are still numbers; they read as the nearest double.
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
                ? new JValue(integer)
                : new JValue(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (text.StartsWith("0x", StringComparison.Ordinal) && HexInt().IsMatch(text))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) && hex >= 0
                ? new JValue(hex)
                : new JValue(text);
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && OctalInt().IsMatch(text))
        {
            return TryParseOctal(text.AsSpan(2), out var octal) ? new JValue(octal) : new JValue(text);
        }

        if (Float().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return new JValue(real);
        }

        return new JValue(text);
    }

    private static bool TryParseOctal(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        foreach (var digit in digits)
        {
            if (value > (long.MaxValue >> 3))
            {
                return false;
            }

            value = (value << 3) + (digit - '0');
        }

        return true;
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalInt();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexInt();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalInt();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
