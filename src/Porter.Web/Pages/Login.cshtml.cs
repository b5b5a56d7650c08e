using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Porter.Storage.Model;

namespace Porter.Web.Pages;

/// <summary>Logging in: email and password, Identity's lockout after five failures; the form itself is rate-limited.</summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<PorterUser> signIn) : PageModel
{
    /// <summary>Where to go after logging in (a local path only).</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The email typed, kept when the password was wrong.</summary>
    [BindProperty]
    public string? Email { get; set; }

    /// <summary>The password typed.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>What a failed login says, whatever the reason.</summary>
    public const string FailedLogin = "That email and password do not match an account, or the account is locked for 15 minutes after five failed attempts.";

    /// <summary>Why logging in failed, in words.</summary>
    public string? Problem { get; private set; }

    /// <summary>Checks the password; the same words whether the email is unknown or the password wrong.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Problem = "Enter your email and password.";
            return Page();
        }

        Microsoft.AspNetCore.Identity.SignInResult result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/dashboard");
        }

        // One answer for an unknown email, a wrong password and a locked account alike: what the page says must not
        // tell which accounts exist (a lockout can only happen to an account that does).
        Problem = FailedLogin;
        return Page();
    }
}
