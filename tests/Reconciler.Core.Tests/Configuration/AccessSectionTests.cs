using Reconciler.Core.Configuration;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

/// <summary>The <c>access</c> section: owners' public SSH keys, one OpenSSH line each, refused where written when malformed.</summary>
public sealed class AccessSectionTests
{
    private const string Alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop";

    [Fact]
    public void Keys_bind_by_user_in_file_order()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "access:",
            "  sshKeys:",
            $"    alice: [\"{Alice}\", \"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ==\"]",
            "    bob:",
            "      - ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY= bob"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var keys = result.Value!.Access.SshKeys;
        Assert.Equal([Alice, "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ=="], keys["alice"]);
        Assert.Equal(["ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTY= bob"], keys["bob"]);
    }

    [Fact]
    public void Without_the_section_no_one_has_keys()
        => Assert.Empty(ReconcilerConfigParser.Parse("version: 1\n", Yaml.File).Value!.Access.SshKeys);

    [Theory]
    [InlineData("\"-----BEGIN OPENSSH PRIVATE KEY-----\"")]
    [InlineData("\"ssh-ed25519\"")]
    [InlineData("\"ssh-dss AAAAB3NzaC1kc3M=\"")]
    [InlineData("[]")]
    public void A_line_that_is_not_a_public_key_is_refused_at_its_line(string value)
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "access:",
            "  sshKeys:",
            value == "[]" ? "    alice: []" : $"    alice: [{value}]"), Yaml.File);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Location?.Line == 4);
    }

    [Fact]
    public void Jumpserver_binds_with_its_access_key_by_reference_and_defaults()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "access:",
            "  jumpserver:",
            "    url: https://jms.example.com",
            "    keyIdEnv: JMS_KEY_ID",
            "    keySecretFile: secrets/jms",
            "    node: 3728f004-99a2-4fca-9577-84d5ffcf9eff",
            "    retryInterval: 5s"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var jumpserver = result.Value!.Access.Jumpserver!;
        Assert.Equal(new Uri("https://jms.example.com"), jumpserver.Url);
        Assert.Equal(new SecretReference(SecretSource.EnvironmentVariable, "JMS_KEY_ID"), jumpserver.KeyId with { Location = null });
        Assert.Equal(new SecretReference(SecretSource.File, "secrets/jms"), jumpserver.KeySecret with { Location = null });
        Assert.Equal((JumpserverConfig.DefaultOrg, 1, TimeSpan.FromSeconds(5)), (jumpserver.Org, jumpserver.Platform, jumpserver.RetryInterval));
    }

    [Fact]
    public void Jumpserver_without_its_key_secret_is_refused_at_the_section()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "access:",
            "  jumpserver:",
            "    url: https://jms.example.com",
            "    keyIdEnv: JMS_KEY_ID",
            "    node: n1"), Yaml.File);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("keySecretEnv or keySecretFile", StringComparison.Ordinal) && d.Location?.Line == 4);
    }
}
