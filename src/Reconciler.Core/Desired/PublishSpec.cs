using System.Globalization;

namespace Reconciler.Core.Desired;

/// <summary>Parses docker <c>-p</c> specs: <c>[ip:][hostPort:]containerPort[/proto]</c>.</summary>
internal static class PublishSpec
{
    public static PortBinding? Parse(string spec, string defaultHostIp)
    {
        var protocol = "tcp";
        var text = spec;
        var slash = text.LastIndexOf('/');
        if (slash >= 0)
        {
            protocol = text[(slash + 1)..].ToLowerInvariant();
            text = text[..slash];
            if (protocol is not ("tcp" or "udp" or "sctp"))
            {
                return null;
            }
        }

        var parts = text.Split(':');
        string? ip = defaultHostIp;
        string? host = null;
        string container;
        switch (parts.Length)
        {
            case 1:
                container = parts[0];
                break;
            case 2:
                (host, container) = (parts[0], parts[1]);
                break;
            case 3:
                (ip, host, container) = (parts[0], parts[1], parts[2]);
                break;
            default:
                return null;
        }

        if (!TryPort(container, out var containerPort))
        {
            return null;
        }

        int? hostPort = null;
        if (!string.IsNullOrEmpty(host))
        {
            if (!TryPort(host, out var parsed))
            {
                return null;
            }

            hostPort = parsed;
        }

        return new PortBinding(containerPort, hostPort, protocol, string.IsNullOrEmpty(ip) ? defaultHostIp : ip);
    }

    private static bool TryPort(string text, out int port)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is > 0 and <= 65535;
}
