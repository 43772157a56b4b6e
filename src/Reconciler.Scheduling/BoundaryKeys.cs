using System.Security.Cryptography;
using System.Text;
using Quartz;

namespace Reconciler.Scheduling;

/// <summary>
/// Quartz identities: one job per repository, one trigger per group of its boundaries (<see cref="BoundaryGroup"/>),
/// in group <see cref="Group"/>. Names are hashes (Quartz limits them to 150 characters; identities can be longer); a
/// trigger's name hashes its content, the readable key is the description and the data.
/// </summary>
public static class BoundaryKeys
{
    public const string Group = "reconciler-lifecycle";

    public const string RepositoryData = "repository";

    /// <summary>Trigger data: the group's boundaries, <see cref="BoundaryText"/>.</summary>
    public const string BoundariesData = "boundaries";

    public static JobKey Job(string repository) => new(Hash("repo:" + repository), Group);

    internal static TriggerKey Trigger(string repository, BoundaryGroup group) => new(Hash("boundaries:" + repository + "\n" + group.Text), Group);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
