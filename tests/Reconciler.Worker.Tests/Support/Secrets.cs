using System.Text;

namespace Reconciler.Worker.Tests.Support;

internal static class Secrets
{
    /// <summary>True when <paramref name="secret"/> occurs in <paramref name="bytes"/> as UTF-8 or UTF-16 (SQLite stores either).</summary>
    public static bool Contains(byte[] bytes, string secret)
        => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) >= 0;
}
