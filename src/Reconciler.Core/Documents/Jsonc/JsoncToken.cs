namespace Reconciler.Core.Documents.Jsonc;

internal enum JsoncTokenKind
{
    End,
    BeginObject,
    EndObject,
    BeginArray,
    EndArray,
    Colon,
    Comma,
    String,
    Number,
    True,
    False,
    Null,

    /// <summary>A bare word that is not a literal (<c>tru</c>, an unquoted key); <see cref="JsoncToken.Text"/> holds it.</summary>
    Word,

    /// <summary>The scanner could not read a token; <see cref="JsoncToken.Text"/> holds the message.</summary>
    Error,
}

/// <summary>
/// One token with the 1-based line and column of its first character. For strings <see cref="Text"/> is the
/// decoded value, for numbers the literal as written, for errors the message.
/// </summary>
internal readonly record struct JsoncToken(JsoncTokenKind Kind, int Line, int Column, string? Text = null)
{
    public bool IsScalar => Kind is JsoncTokenKind.String or JsoncTokenKind.Number
        or JsoncTokenKind.True or JsoncTokenKind.False or JsoncTokenKind.Null;

    /// <summary>How the token reads in a message: <c>'}'</c>, <c>a string</c>, <c>end of input</c>.</summary>
    public string Describe() => Kind switch
    {
        JsoncTokenKind.End => "end of input",
        JsoncTokenKind.BeginObject => "'{'",
        JsoncTokenKind.EndObject => "'}'",
        JsoncTokenKind.BeginArray => "'['",
        JsoncTokenKind.EndArray => "']'",
        JsoncTokenKind.Colon => "':'",
        JsoncTokenKind.Comma => "','",
        JsoncTokenKind.String => "a string",
        JsoncTokenKind.Number => "a number",
        JsoncTokenKind.True => "'true'",
        JsoncTokenKind.False => "'false'",
        JsoncTokenKind.Null => "'null'",
        JsoncTokenKind.Word => $"'{Text}'",
        _ => "an invalid token",
    };
}
