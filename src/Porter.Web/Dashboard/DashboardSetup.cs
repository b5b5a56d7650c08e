using System.Reflection;
using Microsoft.AspNetCore.DataProtection;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Storage;
using Porter.Storage.Bookings;
using Porter.Storage.Model;
using Porter.Web.Accounts;
using Porter.Application.Changes;

namespace Porter.Web.Dashboard;

/// <summary>
/// The dashboard (professionals, signed in with ASP.NET Core Identity cookies) and the client's pages (no sign-in:
/// an unguessable link): Razor Pages, plain HTML forms with antiforgery tokens, no script.
/// </summary>
public static class DashboardSetup
{
    /// <summary>The authorization policy of the dashboard's pages: signed in by cookie, in an organisation.</summary>
    public const string Policy = "dashboard";

    /// <summary>The rate-limit policy of the login form.</summary>
    public const string LoginLimit = "login";

    /// <summary>The cookie that keeps a person signed in.</summary>
    public const string SignInCookie = "__Host-porter";

    /// <summary>Registers accounts, sign-in, pages, the login rate limit and the client's side.</summary>
    public static IServiceCollection AddPorterDashboard(this IServiceCollection services, Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        services.AddHttpContextAccessor();
        // Cookie keys in the database: every instance reads the same keys, and a restart keeps people signed in.
        services.AddDataProtection().SetApplicationName("porter").PersistKeysToDbContext<PorterDb>();
        services.AddPorterAccounts().AddSignInManager();
        authentication.AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = SignInCookie;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        // Every request checks the cookie's security stamp against the account's: logging out or changing the password
        // changes the stamp, which ends every session of the person at once, not after Identity's default 30 minutes.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        // Identity's other cookies (external, two-factor) are never issued; named __Host- all the same.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => { o.Cookie.Name = "__Host-porter-external"; o.Cookie.SecurePolicy = CookieSecurePolicy.Always; });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => { o.Cookie.Name = "__Host-porter-2fa"; o.Cookie.SecurePolicy = CookieSecurePolicy.Always; });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => { o.Cookie.Name = "__Host-porter-2fa-remember"; o.Cookie.SecurePolicy = CookieSecurePolicy.Always; });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__Host-porter-csrf";
            // Made Secure by the cookie policy (PorterService), which unlike this setting allows http://127.0.0.1.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p
            .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(Accounts.Accounts.OrganisationClaim));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Ten tries a minute from one address; Identity's lockout stops guessing at one account as well.
            o.AddPolicy(LoginLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("get"));
        });
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Dashboard", Policy);
            o.Conventions.AddPageApplicationModelConvention("/Login", m => m.EndpointMetadata.Add(new EnableRateLimitingAttribute(LoginLimit)));
            // Logging out is open to anyone, but must read the sign-in cookie (the default scheme is the API key's): the
            // antiforgery token was made for the signed-in person, and the logout ends that person's sessions.
            o.Conventions.AddPageApplicationModelConvention("/Logout", m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.Authorization.AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme }));
        }).AddApplicationPart(typeof(DashboardSetup).Assembly);
        services.AddSingleton(DateTimeZoneProviders.Tzdb);
        services.AddScoped<TenantData>();
        services.AddSingleton<IPracticeFile, DiskPracticeFile>();
        services.AddSingleton<IPracticeVersions, Porter.Storage.Practice.EfPracticeVersions>();
        services.AddSingleton<PracticeState>();
        services.AddSingleton<BookingDesk>();
        services.AddHostedService<DashboardStartup>();
        services.AddHostedService<PracticeSync>();
        return services;
    }

    /// <summary>Maps the pages, the stylesheet, a message's sandboxed HTML and the calendar feeds.</summary>
    public static void MapPorterDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapRazorPages();
        endpoints.MapGet("/assets/{name}", Asset).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/dashboard/messages/{id:long}/html", MessageHtml).RequireAuthorization(Policy).ExcludeFromDescription();
        endpoints.MapGet("/dashboard/messages/{id:long}/attachments/{attachment:long}", Attachment).RequireAuthorization(Policy).ExcludeFromDescription();
        endpoints.MapGet("/dashboard/reports/{name}.svg", Chart).RequireAuthorization(Policy).ExcludeFromDescription();
        endpoints.MapGet("/c/{token}/bookings.ics", ClientBookingsFeed).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/feeds/{token}/bookings.ics", BookingsFeed).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapGet("/feeds/{token}/availability.ics", AvailabilityFeed).AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Asset(string name)
    {
        Stream? stream = typeof(DashboardSetup).Assembly.GetManifestResourceStream($"assets/{name}");
        if (stream is null)
        {
            return Results.NotFound();
        }

        string type = Path.GetExtension(name) switch
        {
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            ".js" => "text/javascript; charset=utf-8",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }

    /// <summary>
    /// A file attached to a message, as a download only: Content-Disposition attachment with its name, always
    /// application/octet-stream (never the sender's type, so no browser renders it), nosniff, and a sandboxing policy;
    /// the message is looked up through the person's view, so another desk's or organisation's answers 404.
    /// </summary>
    private static async Task<IResult> Attachment(long id, long attachment, TenantData tenant, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await tenant.Db.Messages.AsNoTracking().AnyAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false)
            || await tenant.Db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachment && a.MessageRecordId == id, cancellationToken).ConfigureAwait(false) is not { } file)
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(file.Content, "application/octet-stream", file.FileName);
    }

    /// <summary>A message's own HTML, sanitised, under a sandboxing policy of its own; another organisation's answers 404 like a missing one.</summary>
    private static async Task<IResult> MessageHtml(long id, TenantData tenant, HttpContext context, CancellationToken cancellationToken)
    {
        MessageRecord? message = await tenant.Db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        if (message?.HtmlBody is not { } html)
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.MailContentSecurityPolicy;
        return Results.Content(MailHtml.Sanitize(html), "text/html; charset=utf-8");
    }

    private static async Task<IResult> Chart(string name, TenantData tenant, IClock clock, CancellationToken cancellationToken) =>
        await DashboardCharts.DrawAsync(name, tenant, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false) is { } svg
            ? Results.Text(svg, "image/svg+xml")
            : Results.NotFound();

    private static async Task<IResult> ClientBookingsFeed(string token, BookingDesk desk, IDbContextFactory<PorterDb> contexts, IClock clock, CancellationToken cancellationToken)
    {
        if (await desk.FindAsync(token, cancellationToken).ConfigureAwait(false) is not { } view)
        {
            return Results.NotFound();
        }

        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        List<BookingRecord> bookings = await db.Bookings.AsNoTracking().Where(b => b.ClientId == view.Client.Id).OrderBy(b => b.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Calendar(CalendarFeeds.Bookings(bookings, view.Practice, $"{view.Client.Name} with {view.Practice.Professional.Name}", clock.GetCurrentInstant()));
    }

    /// <summary>
    /// The practice a feed is for: a professional's token opens theirs only; the organisation's opens
    /// <c>?professional=ID</c>'s, else the first professional's; null for a token of nobody's or an id it does not open.
    /// </summary>
    private static Practice? FeedPractice(PracticeState practice, string? tokenOwner, string? professional) => tokenOwner switch
    {
        null => null,
        "" => professional is { Length: > 0 } id ? practice.Current.Find(id) : practice.Current.First,
        _ => professional is { Length: > 0 } id && id != tokenOwner ? null : practice.Current.Find(tokenOwner),
    };

    private static IQueryable<BookingRecord> BookingsOf(PorterDb db, PracticeState state, Practice practice)
    {
        return db.Bookings.AsNoTracking().OfProfessional(practice.Professional.Id, takesUnassigned: practice == state.Current.First);
    }

    private static async Task<IResult> BookingsFeed(string token, string? professional, PracticeState practice, IDbContextFactory<PorterDb> contexts, IClock clock, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (FeedPractice(practice, await DashboardStartup.FeedTokenOwnerAsync(db, token, cancellationToken).ConfigureAwait(false), professional) is not { } whose)
        {
            return Results.NotFound();
        }

        List<BookingRecord> bookings = await BookingsOf(db, practice, whose).OrderBy(b => b.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Calendar(CalendarFeeds.Bookings(bookings, whose, $"{whose.Professional.Name}: bookings", clock.GetCurrentInstant()));
    }

    private static async Task<IResult> AvailabilityFeed(string token, string? professional, PracticeState practice, IDbContextFactory<PorterDb> contexts, IClock clock, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (FeedPractice(practice, await DashboardStartup.FeedTokenOwnerAsync(db, token, cancellationToken).ConfigureAwait(false), professional) is not { } whose)
        {
            return Results.NotFound();
        }

        Instant now = clock.GetCurrentInstant();
        List<BookingRecord> bookings = await BookingsOf(db, practice, whose).Where(b => b.End > now).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Calendar(CalendarFeeds.Availability(whose, bookings, now, 60));
    }

    private static IResult Calendar(string ics) => Results.Text(ics, "text/calendar; charset=utf-8");
}

/// <summary>At start: the status chosen earlier, a link for every client, and the organisation's feed token.</summary>
internal sealed class DashboardStartup(PracticeState practice, BookingDesk desk, IDbContextFactory<PorterDb> contexts) : IHostedService
{
    private const string FeedTokenKey = "feed-token";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await practice.LoadAsync(cancellationToken).ConfigureAwait(false);
        await desk.EnsureLinksAsync(cancellationToken).ConfigureAwait(false);
        await FeedTokenAsync(contexts, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The secret in the calendar feeds' addresses (made once): the organisation's, which opens every professional's
    /// feeds (<c>?professional=ID</c>), or, given <paramref name="professionalId"/>, that professional's, which opens theirs only.
    /// </summary>
    public static async Task<string> FeedTokenAsync(IDbContextFactory<PorterDb> contexts, CancellationToken cancellationToken, string? professionalId = null)
    {
        string key = professionalId is null ? FeedTokenKey : $"{FeedTokenKey}:{professionalId}";
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, cancellationToken).ConfigureAwait(false) is { } saved)
        {
            return saved.Value;
        }

        db.Settings.Add(new SettingRecord { Key = key, Value = BookingDesk.NewToken() });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another instance made it first.
        }

        await using PorterDb again = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return (await again.Settings.AsNoTracking().FirstAsync(s => s.Key == key, cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary>Whose feeds a token opens: "" for the organisation's token (every professional's), a professional's id for theirs, null for no token of ours.</summary>
    public static async Task<string?> FeedTokenOwnerAsync(PorterDb db, string token, CancellationToken cancellationToken)
    {
        if (token.Length is 0 or > 64)
        {
            return null;
        }

        string? key = await db.Settings.AsNoTracking()
            .Where(s => (s.Key == FeedTokenKey || s.Key.StartsWith(FeedTokenKey + ":")) && s.Value == token)
            .Select(s => s.Key).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return key is null ? null : key == FeedTokenKey ? "" : key[(FeedTokenKey.Length + 1)..];
    }
}
