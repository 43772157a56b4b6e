using System.Text;
using Reconciler.GitHub.Webhooks.Signing;

namespace Reconciler.GitHub.Tests.Signing;

public sealed class WebhookSignatureTests
{
    // GitHub's published example (docs: "Validating webhook deliveries").
    private const string VectorSecret = "It's a Secret to Everybody";
    private const string VectorBody = "Hello, World!";
    private const string VectorSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    private static readonly byte[] Body = Encoding.UTF8.GetBytes(VectorBody);
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes(VectorSecret);

    [Fact]
    public void GitHubs_test_vector_verifies()
        => Assert.True(WebhookSignature.Verify(Body, VectorSignature, Secret));

    [Fact]
    public void Sign_reproduces_the_test_vector()
        => Assert.Equal(VectorSignature, WebhookSignature.Sign(Body, Secret));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17 ")]
    [InlineData(" sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107EA0EB2509FC211221CCE984B8A37570B6D7586C22C46F4379C8B043E17")]
    [InlineData("SHA256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1g")]
    [InlineData("sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59")]
    public void Refuses_anything_but_the_exact_correct_form(string? header)
        => Assert.False(WebhookSignature.Verify(Body, header, Secret));

    [Fact]
    public void A_changed_body_does_not_verify()
        => Assert.False(WebhookSignature.Verify(Encoding.UTF8.GetBytes("Hello, World?"), VectorSignature, Secret));

    [Fact]
    public void A_different_secret_does_not_verify()
        => Assert.False(WebhookSignature.Verify(Body, VectorSignature, Encoding.UTF8.GetBytes("It's a Secret to Everybody!")));

    [Fact]
    public void An_empty_secret_never_verifies_even_a_matching_signature()
    {
        var signedWithEmptyKey = WebhookSignature.Sign(Body, []);

        Assert.False(WebhookSignature.Verify(Body, signedWithEmptyKey, []));
    }

    [Fact]
    public void Any_of_several_secrets_verifies_during_rotation()
    {
        IReadOnlyList<WebhookSecret> secrets = [WebhookSecret.FromString("the-new-secret"), WebhookSecret.FromString(VectorSecret)];

        Assert.True(WebhookSignature.VerifyAny(Body, VectorSignature, secrets));
        Assert.False(WebhookSignature.VerifyAny(Body, VectorSignature, [WebhookSecret.FromString("the-new-secret")]));
        Assert.False(WebhookSignature.VerifyAny(Body, VectorSignature, []));
    }
}
