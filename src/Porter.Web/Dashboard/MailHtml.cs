using Ganss.Xss;

namespace Porter.Web.Dashboard;

/// <summary>
/// A message's HTML made safe to show (HtmlSanitizer): no script, no event handlers, no javascript: or data: links,
/// no frames, forms, SVG or CSS @import, and no remote images or backgrounds (tracking pixels: only inline data:
/// images stay; links keep http, https and mailto). What remains is still shown only in a sandboxed frame under its
/// own CSP (<see cref="SecurityHeaders.MailContentSecurityPolicy"/>), which would block anything that slipped by.
/// </summary>
public static class MailHtml
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    /// <summary>The sanitised HTML, as a whole document.</summary>
    public static string Sanitize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + Sanitizer.Sanitize(html) + "</body></html>";
    }

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("data");
        sanitizer.FilterUrl += (_, e) =>
        {
            if (e.SanitizedUrl is not { } url)
            {
                return;
            }

            bool link = e.Tag.TagName is "A" or "AREA";
            bool inlineImage = url.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase);
            if (link ? url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) : !inlineImage)
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedTags.Remove("style");
        return sanitizer;
    }
}
