using Reconciler.Core.Configuration;
using Reconciler.Core.Tests.Support;

namespace Reconciler.Core.Tests.Configuration;

/// <summary>The <c>snapshots</c> section: registry URL, prefix, retention, and a password only by reference.</summary>
public sealed class SnapshotsSectionTests
{
    [Fact]
    public void The_section_binds_with_defaults()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines("version: 1", "snapshots:", "  registry: http://127.0.0.1:5000/"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var snapshots = result.Value!.Snapshots!;
        Assert.Equal("127.0.0.1:5000", snapshots.RegistryHost);
        Assert.Equal((SnapshotsConfig.DefaultPrefix, SnapshotsConfig.DefaultRetain, (string?)null, (SecretReference?)null), (snapshots.Prefix, snapshots.Retain, snapshots.User, snapshots.Password));
        Assert.Null(ReconcilerConfigParser.Parse("version: 1\n", Yaml.File).Value!.Snapshots);
    }

    [Fact]
    public void A_user_and_password_file_bind_as_a_reference()
    {
        var result = ReconcilerConfigParser.Parse(Yaml.Lines(
            "version: 1",
            "snapshots:",
            "  registry: https://registry.example.com",
            "  prefix: team/devboxes",
            "  retain: 5",
            "  user: robot",
            "  passwordFile: secrets/registry"), Yaml.File);

        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var snapshots = result.Value!.Snapshots!;
        Assert.Equal(("registry.example.com", "team/devboxes", 5, "robot"), (snapshots.RegistryHost, snapshots.Prefix, snapshots.Retain, snapshots.User));
        Assert.Equal(new SecretReference(SecretSource.File, "secrets/registry", snapshots.Password!.Location), snapshots.Password);
        Assert.Equal(7, snapshots.Password.Location!.Line);
    }

    [Theory]
    [InlineData("  registry: ftp://registry", 3)]
    [InlineData("  registry: http://user:pw@registry:5000", 3)]
    [InlineData("  registry: http://registry:5000/v2", 3)]
    [InlineData("  registry: http://r:5000\n  retain: 0", 4)]
    [InlineData("  registry: http://r:5000\n  prefix: Upper/Case", 4)]
    [InlineData("  registry: http://r:5000\n  password: hunter2", 4)]
    [InlineData("  registry: http://r:5000\n  passwordEnv: REG_PW", 4)]
    [InlineData("  registry: http://r:5000\n  user: robot", 4)]
    [InlineData("  registry: http://r:5000\n  user: robot\n  passwordEnv: A\n  passwordFile: b", 6)]
    public void A_bad_entry_is_refused_at_its_line(string body, int line)
    {
        var result = ReconcilerConfigParser.Parse("version: 1\nsnapshots:\n" + body + "\n", Yaml.File);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Diagnostics, d => d.Location?.Line == line);
    }
}
