using System.Globalization;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Documents;

namespace Reconciler.Core.Devcontainers;

/// <summary><c>forwardPorts</c> (numbers or <c>"host:port"</c>) and <c>appPort</c> (number, string or an array of them).</summary>
internal static class PortReader
{
    public static IReadOnlyList<ForwardPort> ReadForwardPorts(JToken? token, JsonBinder binder)
    {
        var ports = new List<ForwardPort>();
        if (binder.Array(token, "/forwardPorts") is not { } array)
        {
            return ports;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var pointer = JsonPointer.Append("/forwardPorts", i);
            switch (array[i])
            {
                case JValue { Type: JTokenType.Integer } number:
                    if (Port((long)number.Value!) is { } port)
                    {
                        ports.Add(new ForwardPort(port));
                    }
                    else
                    {
                        binder.Invalid(pointer, $"{number} is not a port: expected 0 to 65535");
                    }

                    break;
                case JValue { Type: JTokenType.String } text:
                    if (ParseHostPort((string)text.Value!) is { } forward)
                    {
                        ports.Add(forward);
                    }
                    else
                    {
                        binder.Invalid(pointer, $"{MessageText.Quote((string)text.Value!)} is not a forwarded port: expected a number or \"host:port\"");
                    }

                    break;
                default:
                    binder.WrongType(array[i], pointer, "a port number or a \"host:port\" string");
                    break;
            }
        }

        return ports;
    }

    public static IReadOnlyList<string> ReadAppPort(JToken? token, JsonBinder binder)
    {
        var specs = new List<string>();
        if (token is JArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                AddAppPort(array[i], JsonPointer.Append("/appPort", i), binder, specs);
            }
        }
        else if (token is not null)
        {
            AddAppPort(token, "/appPort", binder, specs);
        }

        return specs;
    }

    private static void AddAppPort(JToken token, string pointer, JsonBinder binder, List<string> specs)
    {
        switch (token)
        {
            case JValue { Type: JTokenType.Integer } number when Port((long)number.Value!) is { } port:
                specs.Add(port.ToString(CultureInfo.InvariantCulture));
                break;
            case JValue { Type: JTokenType.Integer } number:
                binder.Invalid(pointer, $"{number} is not a port: expected 0 to 65535");
                break;
            case JValue { Type: JTokenType.String } text:
                specs.Add((string)text.Value!);
                break;
            default:
                binder.WrongType(token, pointer, "a port number, a \"host:container\" string or an array of them");
                break;
        }
    }

    private static ForwardPort? ParseHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? null : text[..colon];
        var portText = colon < 0 ? text : text[(colon + 1)..];
        if (host is { Length: 0 } || portText.Length is 0 or > 5 || !portText.All(char.IsAsciiDigit))
        {
            return null;
        }

        return Port(long.Parse(portText, CultureInfo.InvariantCulture)) is { } port ? new ForwardPort(port, host) : null;
    }

    private static int? Port(long value) => value is >= 0 and <= 65535 ? (int)value : null;
}
