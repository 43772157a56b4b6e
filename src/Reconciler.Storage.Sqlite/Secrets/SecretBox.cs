using System.Security.Cryptography;
using System.Text;

namespace Reconciler.Storage.Sqlite.Secrets;

/// <summary>
/// AES-256-GCM with one 32-byte key. A sealed value is nonce || ciphertext || tag with a fresh random nonce; the
/// associated data (the row it belongs to) makes a sealed value copied to another row fail to open.
/// </summary>
public sealed class SecretBox
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;

    public SecretBox(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("the secrets key must be 32 bytes (256 bits)", nameof(key));
        }

        _key = [.. key];
        KeyId = Convert.ToHexStringLower(SHA256.HashData(_key).AsSpan(0, 8));
    }

    /// <summary>A fingerprint of the key (not the key): which key sealed a row.</summary>
    public string KeyId { get; }

    /// <summary>
    /// Reads a key written as base64 (44 characters) or hex (64 characters); null when it is neither or not 32 bytes.
    /// </summary>
    public static SecretBox? FromText(string? text)
    {
        var trimmed = (text ?? "").Trim();
        byte[]? key = null;
        try
        {
            key = trimmed.Length == 64 ? Convert.FromHexString(trimmed) : Convert.FromBase64String(trimmed);
        }
        catch (FormatException)
        {
        }

        return key is { Length: 32 } ? new SecretBox(key) : null;
    }

    public byte[] Seal(string plaintext, string associatedData)
    {
        var input = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + input.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, input, output.AsSpan(NonceSize, input.Length), output.AsSpan(NonceSize + input.Length), Encoding.UTF8.GetBytes(associatedData));
        return output;
    }

    /// <summary>The plaintext, or null when the value was not sealed by this key for this row (or is damaged).</summary>
    public string? Open(byte[] sealedValue, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        if (sealedValue.Length < NonceSize + TagSize)
        {
            return null;
        }

        var length = sealedValue.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize, length), sealedValue.AsSpan(NonceSize + length), plaintext, Encoding.UTF8.GetBytes(associatedData));
            return Encoding.UTF8.GetString(plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
