using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Reconciler.Core.Desired;
using Reconciler.Core.Ports;

namespace Reconciler.Core.Builds;

/// <summary>
/// The build's cache key: a SHA-256 over every file the build is sent (name, mode, link target, content digest), the
/// Dockerfile text, the target and the build args. Same key → same image, whatever the commit, so a commit that changes
/// only files outside the context (or ignored by <c>.dockerignore</c>) builds nothing. <c>cacheFrom</c> is left out: it
/// only says where layers may come from, not what the image contains.
/// </summary>
public static class BuildContextHasher
{
    public static string Hash(IRepositoryContent content, BuildContextContents contents, ResolvedBuild build, string dockerfileText)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string text) => sha.AppendData(Encoding.UTF8.GetBytes(text + "\n"));

        Add("reconciler-build-context/1");
        foreach (var file in contents.Files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var entry = file.Entry;
            var digest = entry.LinkTarget is { } target ? "link:" + target : entry.ContentId ?? "sha256:" + ContentDigest(content, entry.Path);
            Add($"file\0{file.Name}\0{(entry.Executable ? "x" : "-")}\0{digest}");
        }

        Add("dockerfile\0" + contents.DockerfileName + "\0" + dockerfileText.Length.ToString(CultureInfo.InvariantCulture));
        Add(dockerfileText);
        Add("target\0" + (build.Target ?? ""));
        foreach (var (name, value) in build.Args.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            Add($"arg\0{name}\0{value.Length.ToString(CultureInfo.InvariantCulture)}\0{value}");
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static string ContentDigest(IRepositoryContent content, string path)
    {
        using var stream = content.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
