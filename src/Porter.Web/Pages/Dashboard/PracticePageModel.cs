using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Dashboard;

/// <summary>
/// A page that reads or changes the practice this instance serves (porter.json, its holiday calendars). Before any
/// of its handlers runs, GET or POST, the signed-in person's organisation is checked: a person of another
/// organisation gets the same 404 as a missing page, and no handler reads or writes anything. Checking here, once,
/// rather than in each handler, means a new handler (or an early error path in one) cannot forget it.
/// </summary>
public abstract class PracticePageModel(TenantData tenant) : PageModel
{
    /// <summary>The signed-in person's view of the data.</summary>
    protected TenantData Tenant => tenant;

    /// <inheritdoc />
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (tenant.Practice is null)
        {
            context.Result = NotFound();
        }
    }
}

/// <summary>The answer when a person's role does not allow what they tried: 403, saying why, nothing done.</summary>
public static class RoleRefusal
{
    /// <summary>403 with the reason in words.</summary>
    public static IActionResult Forbidden(string reason) =>
        new ContentResult { StatusCode = 403, ContentType = "text/plain; charset=utf-8", Content = $"Your role does not allow this: {reason}." };
}
