using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Porter.Storage.Model;

namespace Porter.Web.Pages;

/// <summary>
/// Logging out (a POST with its antiforgery token, so no other site can log a person out). It ends every session of
/// the person, not only this browser's: the security stamp changes, and every sign-in cookie carries the stamp it was
/// issued with, checked on each request (DashboardSetup), so a cookie saved before logging out opens nothing after.
/// </summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<PorterUser> signIn) : PageModel
{
    /// <summary>Logs out, everywhere.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User).ConfigureAwait(false) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        }

        await signIn.SignOutAsync().ConfigureAwait(false);
        return LocalRedirect("/login");
    }
}
