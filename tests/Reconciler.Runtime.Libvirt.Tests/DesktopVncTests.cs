using Reconciler.Core.Planning;
using Reconciler.Core.Workspaces;
using Reconciler.Runtime.Libvirt.Tests.Support;
using Reconciler.TestKit;

namespace Reconciler.Runtime.Libvirt.Tests;

/// <summary>A desktop VM gets VNC with a generated password that only the secure domain XML holds.</summary>
public sealed class DesktopVncTests : IDisposable
{
    private readonly LibvirtTestContext _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public async Task A_desktop_domain_has_VNC_with_a_password_that_no_log_or_file_of_ours_holds_and_that_survives_a_recreate()
    {
        await _t.ConvergeAsync(_t.Desired(type: WorkspaceType.Desktop));

        var password = await _t.Runtime.ReadVncPasswordAsync(new(_t.Repository, "main"), CancellationToken.None);

        Assert.NotNull(password);
        Assert.Equal(8, password.Length);
        Assert.Contains($"passwd='{password}'", VirshTool.Run("dumpxml", "--security-info", _t.DomainName()), StringComparison.Ordinal);
        Assert.Contains("<graphics type='vnc'", VirshTool.Run("dumpxml", _t.DomainName()), StringComparison.Ordinal);
        Assert.DoesNotContain(password, VirshTool.Run("dumpxml", _t.DomainName()), StringComparison.Ordinal);

        await _t.ConvergeAsync(_t.Desired(type: WorkspaceType.Desktop, memory: 96L << 20));

        Assert.Equal(password, await _t.Runtime.ReadVncPasswordAsync(new(_t.Repository, "main"), CancellationToken.None));
        Assert.NotEmpty(_t.Logs.Lines);
        Assert.DoesNotContain(_t.Logs.Lines, l => l.Contains(password, StringComparison.Ordinal));
        foreach (var file in Directory.GetFiles(_t.Storage.Path).Where(f => !f.EndsWith(".qcow2", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(password, File.ReadAllText(file), StringComparison.Ordinal);
        }

        var tracked = VirshTool.RunTool("git", ["-C", TestPaths.RepositoryRoot, "grep", "-F", "-l", password]);
        Assert.Equal(1, tracked.ExitCode); // git grep: 1 = no tracked file matches
    }

    [Fact]
    public async Task An_ide_domain_has_no_graphics_and_no_password()
    {
        await _t.ConvergeAsync(_t.Desired());

        Assert.Null(await _t.Runtime.ReadVncPasswordAsync(new(_t.Repository, "main"), CancellationToken.None));
        Assert.DoesNotContain("<graphics", VirshTool.Run("dumpxml", "--security-info", _t.DomainName()), StringComparison.Ordinal);
    }
}
