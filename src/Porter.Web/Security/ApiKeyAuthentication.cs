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
    IClock clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    private static readonly Duration Remember = Duration.FromMinutes(1);
    private static readonly ConcurrentDictionary<string, (ApiKeyRecord Key, Instant Until)> Known = new(StringComparer.Ordinal);

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
        if (!Known.TryGetValue(hash, out var known) || known.Until < now)
        {
            await using PorterDb db = await contexts.CreateDbContextAsync(Context.RequestAborted).ConfigureAwait(false);
            ApiKeyRecord? found = await ApiKeys.FindAsync(db, key, Context.RequestAborted).ConfigureAwait(false);
            if (found is null)
            {
                Known.TryRemove(hash, out _);
                return AuthenticateResult.Fail("The API key is not valid.");
            }

            known = (found, now + Remember);
            Known[hash] = known;
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, known.Key.Name), new Claim("api_key_id", known.Key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
