namespace Reconciler.Kubernetes.StandIn;

/// <summary>
/// A parsed API path: <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}]</c> or
/// <c>/apis/{group}/{version}[/namespaces/{ns}]/{plural}[/{name}]</c>. <see cref="Namespace"/> null with a
/// namespaced plural means "all namespaces" (lists only).
/// </summary>
public sealed record ResourcePath(string GroupVersion, string Plural, string? Namespace, string? Name)
{
    public string Collection => $"{GroupVersion}/{Plural}";

    public static ResourcePath? Parse(string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        int rest;
        string groupVersion;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            groupVersion = segments[1];
            rest = 2;
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            groupVersion = $"{segments[1]}/{segments[2]}";
            rest = 3;
        }
        else
        {
            return null;
        }

        var tail = segments[rest..];
        return tail switch
        {
            ["namespaces", var ns, var plural] => new ResourcePath(groupVersion, plural, ns, null),
            ["namespaces", var ns, var plural, var name] => new ResourcePath(groupVersion, plural, ns, name),
            ["namespaces", var name] when groupVersion == "v1" => new ResourcePath(groupVersion, "namespaces", null, name),
            [var plural] => new ResourcePath(groupVersion, plural, null, null),
            [var plural, var name] when plural != "namespaces" => new ResourcePath(groupVersion, plural, null, name),
            _ => null,
        };
    }
}
