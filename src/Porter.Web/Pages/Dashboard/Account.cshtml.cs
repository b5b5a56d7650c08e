using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Porter.Storage.Model;

namespace Porter.Web.Pages.Dashboard;

/// <summary>
/// The signed-in person's account: changing the password. A change ends every other session of the person (Identity
/// changes the security stamp, which each request checks); this browser stays signed in with a fresh cookie.
/// </summary>
public sealed class AccountModel(SignInManager<PorterUser> signIn) : PageModel
{
    /// <summary>What was done, in words.</summary>
    public string? Saved { get; private set; }

    /// <summary>Why the password was not changed.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Shows the form.</summary>
    public void OnGet(string? saved) => Saved = saved;

    /// <summary>Changes the password, checked by the same rules as a new account's.</summary>
    public async Task<IActionResult> OnPostAsync(string? current, string? password, string? confirm)
    {
        PorterUser? user = await signIn.UserManager.GetUserAsync(User).ConfigureAwait(false);
        if (user is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(current) || string.IsNullOrEmpty(password) || !string.Equals(password, confirm, StringComparison.Ordinal))
        {
            Problems = ["Enter your current password, and the new one twice (the same both times)."];
            return Page();
        }

        IdentityResult result = await signIn.UserManager.ChangePasswordAsync(user, current, password).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            Problems = [.. result.Errors.Select(e => e.Code == "PasswordMismatch" ? "The current password is not right." : e.Description)];
            return Page();
        }

        await signIn.RefreshSignInAsync(user).ConfigureAwait(false);
        return RedirectToPage(new { saved = "Password changed. Every other session of yours has ended." });
    }
}
