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
}
