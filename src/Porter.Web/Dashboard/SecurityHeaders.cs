using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Porter.Web.Dashboard;

/// <summary>
/// Security headers on every response: HSTS, a strict Content Security Policy (no script at all: the dashboard and the
/// client's pages are plain HTML forms), nosniff, no referrer (client links carry their token in the path), framing
/// by Porter's own pages only. A response that sets its own policy (a message's sandboxed HTML) keeps it.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy for Porter's pages.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; frame-src 'self'; " +
        "frame-ancestors 'self'; form-action 'self'; base-uri 'none'; object-src 'none'";

    /// <summary>The settings page's policy: Porter's own policy, with Porter's own scripts (the templates' live preview).</summary>
    public static readonly string SettingsContentSecurityPolicy = ContentSecurityPolicy.Replace("script-src 'none'", "script-src 'self'", StringComparison.Ordinal);

    /// <summary>The policy for a message's own HTML, shown in a frame: a sandbox, no script, no requests but inline styles and data: images.</summary>
    public const string MailContentSecurityPolicy =
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'";

    /// <summary>Adds the headers to every response.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                IHeaderDictionary headers = context.Response.Headers;
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "SAMEORIGIN";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
