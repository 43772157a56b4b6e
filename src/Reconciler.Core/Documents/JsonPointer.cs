namespace Reconciler.Core.Documents;

/// <summary>RFC 6901 helpers.</summary>
public static class JsonPointer
{
    public static string Append(string pointer, string token)
        => pointer + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Human path for messages: <c>/workspaces/0/resources/cpu</c> → <c>workspaces[0].resources.cpu</c>.</summary>
    public static string ToDisplayPath(string pointer)
    {
        if (pointer.Length == 0)
        {
            return "(document)";
        }

        var builder = new System.Text.StringBuilder();
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (token.Length > 0 && token.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(token).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(token);
            }
        }

        return builder.ToString();
    }
}
