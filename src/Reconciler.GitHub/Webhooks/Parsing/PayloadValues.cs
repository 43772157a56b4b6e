using Reconciler.GitHub.Webhooks.Events;

namespace Reconciler.GitHub.Webhooks.Parsing;

/// <summary>
/// Reads the values the worker later hands to git, so that a verified but odd payload cannot smuggle an
/// option, a path or a local URL into a clone or checkout.
/// </summary>
internal static class PayloadValues
{
    /// <summary>A full commit id: 40 (SHA-1) or 64 (SHA-256) lower-case hex digits.</summary>
    public static string Sha(PayloadObject parent, string name)
    {
        var sha = parent.String(name);
        return sha.Length is 40 or 64 && sha.All(char.IsAsciiHexDigitLower)
            ? sha
            : throw parent.Invalid(name, "expected a 40 or 64 digit lower-case hex commit id");
    }

    /// <summary>A ref or branch name: non-empty, at most 255 characters, no control characters, no leading '-'.</summary>
    public static string RefName(PayloadObject parent, string name)
    {
        var value = parent.String(name);
        return value.Length is > 0 and <= 255 && value[0] != '-' && !value.Any(char.IsControl)
            ? value
            : throw parent.Invalid(name, "expected a git ref name");
    }

    /// <summary>An absolute http or https URL.</summary>
    public static Uri Url(PayloadObject parent, string name)
    {
        var text = parent.String(name);
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            ? url
            : throw parent.Invalid(name, "expected an absolute https URL");
    }

    /// <summary><c>owner/name</c>, as in <c>full_name</c>.</summary>
    public static string FullName(PayloadObject parent, string name)
    {
        var value = parent.String(name);
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && slash == value.LastIndexOf('/') && slash < value.Length - 1 && !value.Any(char.IsControl)
            ? value
            : throw parent.Invalid(name, "expected owner/name");
    }

    public static GitHubRepository Repository(PayloadObject repository) => new(
        FullName(repository, "full_name"),
        Url(repository, "clone_url"),
        Url(repository, "html_url"));

    public static GitActor Actor(PayloadObject actor) => new(actor.String("name"), actor.OptionalString("email"));
}
