using Reconciler.Core.Access;
using Reconciler.Core.Configuration;
using Reconciler.Core.Diagnostics;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

/// <summary><c>sshKeys.&lt;user&gt;: { github: LOGIN }</c> and <c>runtimes.libvirt.&lt;host&gt;.portRange</c>.</summary>
public sealed class AccessConfigAdditionsTests
{
    [Fact]
    public void A_user_may_name_a_GitHub_login_instead_of_listing_keys()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "access:",
            "  sshKeys:",
            "    alice: { github: alice-gh }",
            "    bob: [\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl bob\"]"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        Assert.Equal("alice-gh", result.Value!.Access.GitHubLogins["alice"]);
        Assert.False(result.Value.Access.SshKeys.ContainsKey("alice"));
        Assert.Single(result.Value.Access.SshKeys["bob"]);
    }

    [Theory]
    [InlineData("{ github: \"not a login\" }")]
    [InlineData("{ github: alice, extra: 1 }")]
    [InlineData("{ gitlab: alice }")]
    public void A_malformed_github_entry_is_a_located_error(string entry)
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines("version: 1", "access:", "  sshKeys:", "    alice: " + entry), Yaml.File);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.IsError && d.Location?.Line == 4);
    }

    [Fact]
    public void A_libvirt_host_takes_its_own_portRange_and_a_bad_one_is_a_located_error()
    {
        var good = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  libvirt:",
            "    kvm: { imageDir: images, storageDir: vms, portRange: 34000-34099 }",
            "    kvm2: { imageDir: images, storageDir: vms }"), Yaml.File);
        Assert.True(good.Succeeded, string.Join('\n', good.Diagnostics));
        Assert.Equal(new HostPortRange(34000, 34099), good.Value!.LibvirtHosts["kvm"].PortRange);
        Assert.Equal(HostPortRange.Default, good.Value.LibvirtHosts["kvm2"].PortRange);

        var bad = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "runtimes:",
            "  libvirt:",
            "    kvm: { imageDir: images, storageDir: vms, portRange: 34099-34000 }"), Yaml.File);
        var error = Yaml.Single(bad.Diagnostics, DiagnosticCodes.ConfigInvalid);
        Assert.Equal("/runtimes/libvirt/kvm/portRange", error.JsonPointer);
        Assert.Equal(4, error.Location?.Line);
    }
}
