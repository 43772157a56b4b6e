using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Core.Features;

/// <summary>
/// Content hashes that name derived images: a Feature layer is identified by the image it is built on, the Feature's
/// digest (OCI manifest digest, tarball or local-folder hash), the variables its install.sh gets and its containerEnv. Equal
/// inputs give the same tag, so an unchanged configuration finds its image and builds nothing; changing one Feature's
/// options changes that layer's key and the keys of the layers above it only.
/// </summary>
public static class FeatureLayerKey
{
    public const string Repository = "reconciler-features";

    public static string Layer(string baseImageId, string featureDigest, IEnumerable<KeyValuePair<string, string>> environment, IEnumerable<KeyValuePair<string, string>> containerEnv, string users)
    {
        var text = new StringBuilder()
            .Append("layer\n").Append(baseImageId).Append('\n').Append(featureDigest).Append('\n').Append(users).Append('\n');
        foreach (var (name, value) in environment)
        {
            text.Append("opt ").Append(name).Append('=').Append(value).Append('\n');
        }

        foreach (var (name, value) in containerEnv)
        {
            text.Append("env ").Append(name).Append('=').Append(value).Append('\n');
        }

        return Hash(text.ToString());
    }

    /// <summary>The final (labelled) image: the last layer plus the metadata label.</summary>
    public static string Labelled(string lastLayerImageId, string label) => Hash($"label\n{lastLayerImageId}\n{label}");

    public static string Tag(string hash) => $"{Repository}:{hash[..32]}";

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
