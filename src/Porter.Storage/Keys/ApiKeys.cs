using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Storage.Model;

namespace Porter.Storage.Keys;

/// <summary>
/// API keys: <c>porter_</c> and 32 random bytes (base64url). Only a SHA-256 hash is stored; the key is shown once, at
/// creation. A fast hash suffices because the key is random (there is nothing to guess from a dictionary).
/// </summary>
public static class ApiKeys
{
    private const string Scheme = "porter_";

    /// <summary>Makes a key named <paramref name="name"/> and stores its hash; returns the key itself.</summary>
    /// <exception cref="InvalidOperationException">A key of that name exists.</exception>
    public static async Task<string> CreateAsync(PorterDb db, string name, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (await db.ApiKeys.AnyAsync(k => k.Name == name, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"An API key named \"{name}\" exists already.");
        }

        string key = Scheme + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.ApiKeys.Add(new ApiKeyRecord { Name = name.Trim(), Prefix = key[..12], Hash = Hash(key), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>The key's record, if it is a valid key that has not been revoked.</summary>
    public static Task<ApiKeyRecord?> FindAsync(PorterDb db, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (key is null || !key.StartsWith(Scheme, StringComparison.Ordinal) || key.Length > 100)
        {
            return Task.FromResult<ApiKeyRecord?>(null);
        }

        string hash = Hash(key);
        return db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, cancellationToken);
    }

    /// <summary>SHA-256 of the key, lower-case hex.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
