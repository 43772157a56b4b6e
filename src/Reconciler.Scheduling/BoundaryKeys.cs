using System.Security.Cryptography;
using System.Text;
using Quartz;
using Reconciler.Core.Desired;

namespace Reconciler.Scheduling;

/// <summary>
/// Quartz identities: one job per repository, one trigger per workspace, in group <see cref="Group"/>. Names are
/// hashes (Quartz limits them to 150 characters; identities can be longer); the readable key is the description.
/// </summary>
public static class BoundaryKeys
{
    public const string Group = "reconciler-lifecycle";

    public const string RepositoryData = "repository";

    public static JobKey Job(string repository) => new(Hash("repo:" + repository), Group);

    public static TriggerKey Trigger(WorkspaceKey key) => new(Hash("workspace:" + key.Repository + "\n" + key.Workspace), Group);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
