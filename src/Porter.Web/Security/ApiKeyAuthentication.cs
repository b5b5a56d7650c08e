using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Keys;
using Porter.Storage.Model;

namespace Porter.Web.Security;

/// <summary>
/// <c>Authorization: Bearer KEY</c> with a key from <c>porter api-key create</c>. A key found valid is remembered for a
/// minute, so a busy client costs one database read a minute, not one per request.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<PorterDb> contexts,
    ApiKeyCache known,
    IClock clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly Duration Remember = Duration.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        string key = header["Bearer ".Length..].Trim();
        string hash = ApiKeys.Hash(key);
        Instant now = clock.GetCurrentInstant();

        // One lookup per key at a time: a burst of requests with a new key waits on the same database read.
        (Task<ApiKeyRecord?> lookup, Instant until) = known.Entries.AddOrUpdate(
            hash,
            _ => (LookUpAsync(key), now + Remember),
            (_, known) => known.Until < now || known.Lookup.IsFaulted ? (LookUpAsync(key), now + Remember) : known);
        ApiKeyRecord? found = await lookup.ConfigureAwait(false);
        if (found is null)
        {
            known.Entries.TryRemove(new KeyValuePair<string, (Task<ApiKeyRecord?>, Instant)>(hash, (lookup, until)));
            return AuthenticateResult.Fail("The API key is not valid.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, found.Name), new Claim("api_key_id", found.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    private async Task<ApiKeyRecord?> LookUpAsync(string key)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync().ConfigureAwait(false);
        return await ApiKeys.FindAsync(db, key).ConfigureAwait(false);
    }
}

/// <summary>API keys found valid (or being looked up), by hash, each for a minute; one per service.</summary>
internal sealed class ApiKeyCache
{
    public ConcurrentDictionary<string, (Task<ApiKeyRecord?> Lookup, Instant Until)> Entries { get; } = new(StringComparer.Ordinal);
}
