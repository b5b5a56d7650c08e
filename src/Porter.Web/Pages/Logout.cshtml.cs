using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Porter.Storage.Model;

namespace Porter.Web.Pages;

/// <summary>Logging out (a POST with its antiforgery token, so no other site can log a person out).</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<PorterUser> signIn) : PageModel
{
    /// <summary>Logs out.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync().ConfigureAwait(false);
        return LocalRedirect("/login");
    }
}
