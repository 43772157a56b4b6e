using CsCheck;
using Newtonsoft.Json.Linq;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Policies;

namespace Reconciler.Core.Tests.Policies;

/// <summary>
/// The per-violation shortcuts give what the code they replaced gave: the pointer walk for <c>{value}</c> answers
/// as Newtonsoft's <c>SelectToken</c> on the pointer's path, a compiled message renders as the template scan, and
/// <see cref="MessageText.Escape"/> returns unchanged text as the per-character copy did.
/// </summary>
public sealed class ViolationValueTests
{
    private static readonly JObject Document = JObject.Parse("""
        { "devcontainer": { "runArgs": ["--privileged", "-v", "/:/host"], "containerEnv": { "a/b": "x", "c~d": "y", "0": "zero", "it's": 1, "": null } },
          "mounts": [{ "hostPath": "/var/run/docker.sock" }, []], "list": [[1, 2], { "5": true }] }
        """);

    private static readonly string[] Tokens = ["devcontainer", "runArgs", "containerEnv", "a~1b", "c~0d", "0", "1", "2", "5", "01", "it's", "", "mounts", "hostPath", "list", "missing", "a/b"];

    [Fact]
    public void The_pointer_walk_finds_what_select_token_finds()
        => Gen.Int[0, Tokens.Length - 1].Array[0, 5]
            .Select(indexes => string.Concat(indexes.Select(i => "/" + Tokens[i])))
            .Sample(pointer => Assert.Same(Document.SelectToken(ToPath(pointer), errorWhenNoMatch: false), ViolationText.At(Document, pointer)), iter: 5000);

    [Theory]
    [InlineData("")]
    [InlineData("/devcontainer/runArgs/2")]
    [InlineData("/devcontainer/containerEnv/a~1b")]
    [InlineData("/devcontainer/containerEnv/0")]
    [InlineData("/list/1/5")]
    [InlineData("/mounts/0/hostPath")]
    public void Known_pointers_resolve_like_select_token(string pointer)
        => Assert.Same(Document.SelectToken(ToPath(pointer), errorWhenNoMatch: false), ViolationText.At(Document, pointer));

    [Fact]
    public void A_compiled_message_renders_as_the_scan()
    {
        var values = MessageTemplate.Placeholders.Select((name, i) => i % 2 == 0 ? "{" + name + "}" : name.ToUpperInvariant()).ToArray();
        var byName = MessageTemplate.Placeholders.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        Gen.OneOf([.. MessageTemplate.Placeholders.Select(Gen.Const), Gen.Const("{"), Gen.Const("}"), Gen.Const("x"), Gen.Const(" "), Gen.Const("other")])
            .Array[0, 14].Select(parts => string.Concat(parts))
            .Sample(template => Assert.Equal(MessageTemplate.Render(template, byName), MessageTemplate.Compile(template).Render(values)), iter: 5000);
    }

    [Fact]
    public void Escape_gives_what_the_per_character_copy_gave()
        => Gen.OneOf(Gen.Char['\0', '\u00ff'], Gen.Const('\u2028'), Gen.Const('\u2029'), Gen.Const('"'), Gen.Const('é'))
            .Array[0, 80].Select(chars => new string(chars))
            .Sample(text => Assert.Equal(EscapeAsBefore(text), MessageText.Escape(text)), iter: 5000);

    // The code the walk replaced: a pointer as a Newtonsoft path ($['a'][0]).
    private static string ToPath(string pointer)
    {
        if (pointer.Length == 0)
        {
            return "";
        }

        var builder = new System.Text.StringBuilder("$");
        foreach (var raw in pointer[1..].Split('/'))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            builder.Append(token.Length > 0 && token.All(char.IsAsciiDigit) ? $"[{token}]" : $"['{token.Replace("'", "\\'", StringComparison.Ordinal)}']");
        }

        return builder.ToString();
    }

    // MessageText.Escape before its fast path: one string per character.
    private static string EscapeAsBefore(string text, int maxLength = MessageText.MaxLength)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in text.Length > maxLength ? text[..(maxLength - 3)] : text)
        {
            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '"' => "\\\"",
                < ' ' or '\u007F' or '\u2028' or '\u2029' or '\u0085' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return text.Length > maxLength ? builder.Append("...").ToString() : builder.ToString();
    }
}
