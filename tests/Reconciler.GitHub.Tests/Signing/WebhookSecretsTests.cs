using Reconciler.GitHub.Webhooks.Signing;
using Reconciler.TestKit;

namespace Reconciler.GitHub.Tests.Signing;

public sealed class WebhookSecretsTests
{
    [Fact]
    public void A_file_holds_one_secret_per_line_for_rotation()
    {
        using var dir = new TempDirectory("webhook-secret");
        var path = dir.Write("secret", "old-secret\r\n\nnew-secret\n");

        var secrets = WebhookSecrets.FromFile(path);

        Assert.Equal(2, secrets.Count);
        var body = "{}"u8.ToArray();
        Assert.True(WebhookSignature.VerifyAny(body, WebhookSignature.Sign(body, "new-secret"u8), secrets));
        Assert.True(WebhookSignature.VerifyAny(body, WebhookSignature.Sign(body, "old-secret"u8), secrets));
    }

    [Fact]
    public void The_trailing_newline_of_a_secret_file_is_not_part_of_the_secret()
    {
        using var dir = new TempDirectory("webhook-secret");
        var secrets = WebhookSecrets.FromFile(dir.Write("secret", "s3cret\n"));

        var body = "{}"u8.ToArray();
        Assert.True(WebhookSignature.VerifyAny(body, WebhookSignature.Sign(body, "s3cret"u8), secrets));
    }

    [Fact]
    public void An_unset_variable_is_an_error_that_names_the_variable()
    {
        var name = "RECONCILER_TEST_UNSET_" + Guid.NewGuid().ToString("N");

        var error = Assert.Throws<InvalidOperationException>(() => WebhookSecrets.FromEnvironment(name));

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_read_from_the_environment_verifies()
    {
        var name = "RECONCILER_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            var secrets = WebhookSecrets.FromEnvironment(name);

            var body = "{}"u8.ToArray();
            Assert.True(WebhookSignature.VerifyAny(body, WebhookSignature.Sign(body, "from-env"u8), secrets));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void A_blank_file_is_an_error_and_its_content_is_not_in_the_message()
    {
        using var dir = new TempDirectory("webhook-secret");
        var path = dir.Write("secret", " \n\t\n");

        var error = Assert.Throws<InvalidOperationException>(() => WebhookSecrets.FromFile(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_does_not_show_itself_as_text()
        => Assert.DoesNotContain("hunter2", WebhookSecret.FromString("hunter2").ToString(), StringComparison.Ordinal);
}
