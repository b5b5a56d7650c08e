using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Porter.Web.Pages;

/// <summary>The page people see for an error status on a page (the API answers problem details instead).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // also shown for a refused post (re-executed with its method), whose token may be the problem
public sealed class ErrorModel : PageModel
{
    /// <summary>The heading.</summary>
    public string Title { get; private set; } = "Something went wrong";

    /// <summary>What to do.</summary>
    public string Text { get; private set; } = "Please try again in a moment.";

    /// <summary>Shows the page for <paramref name="code"/>; the status stays the original one.</summary>
    public void OnGet(int code) => Describe(code);

    /// <summary>The same page for a refused post.</summary>
    public void OnPost(int code) => Describe(code);

    private void Describe(int code) =>
        (Title, Text) = code switch
        {
            404 => ("Not found", "There is nothing here. If someone gave you this link, ask them for a new one."),
            429 => ("Too many attempts", "Please wait a minute before trying again."),
            400 => ("That did not work", "The form had expired. Go back, reload the page and try again."),
            _ => (Title, Text),
        };
}
