using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Porter.Application.Access;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Accounts;

/// <summary>
/// People who log in to the dashboard: ASP.NET Core Identity on Porter's database, with passwords as OWASP ASVS 4
/// (section 2.1) asks: at least 12 characters, long passphrases welcome (up to 128), no rules about character kinds,
/// not the person's own email; five failures lock the account for 15 minutes.
/// </summary>
public static class Accounts
{
    /// <summary>The claim that carries the person's organisation id.</summary>
    public const string OrganisationClaim = "porter:organisation";

    /// <summary>The claim that carries the person's role (owner, professional, assistant).</summary>
    public const string RoleClaim = "porter:role";

    /// <summary>The claim that carries the professional whose work the person does or helps with.</summary>
    public const string ProfessionalClaim = "porter:professional";

    /// <summary>The shortest password accepted (ASVS 2.1.1).</summary>
    public const int MinimumPasswordLength = 12;

    /// <summary>The longest password accepted (ASVS 2.1.2 asks that at least 64 be allowed).</summary>
    public const int MaximumPasswordLength = 128;

    /// <summary>Registers Identity's user manager and stores (no sign-in: the web host adds it).</summary>
    public static IdentityBuilder AddPorterAccounts(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddIdentityCore<PorterUser>(o =>
            {
                o.Password.RequiredLength = MinimumPasswordLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<PorterDb>()
            .AddPasswordValidator<PassphraseValidator>()
            .AddClaimsPrincipalFactory<PorterClaims>();
    }

    /// <summary>Makes an account in an organisation (made when it does not exist yet); returns Identity's errors, if any.</summary>
    /// <param name="users">Identity's user manager.</param>
    /// <param name="db">The database.</param>
    /// <param name="email">The person's email address, also their user name.</param>
    /// <param name="password">Their password.</param>
    /// <param name="organisation">The organisation's name; the instance's own organisation when null.</param>
    /// <param name="role">What they may do; an owner when not given.</param>
    /// <param name="professionalId">The professional whose work they do or help with (required for a professional or an assistant).</param>
    public static async Task<IReadOnlyList<string>> CreateAsync(UserManager<PorterUser> users, PorterDb db, string email, string password, string? organisation = null, PersonRole role = PersonRole.Owner, string? professionalId = null)
    {
        if (role != PersonRole.Owner && professionalId is not { Length: > 0 })
        {
            return [$"{(role == PersonRole.Assistant ? "An assistant" : "A professional")} needs the professional whose work they do (--professional)."];
        }

        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(db);
        long organisationId = OrganisationRecord.InstanceId;
        if (organisation is { Length: > 0 })
        {
            OrganisationRecord? found = await db.Organisations.FirstOrDefaultAsync(o => o.Name == organisation).ConfigureAwait(false);
            if (found is null)
            {
                found = new OrganisationRecord { Name = organisation };
                db.Organisations.Add(found);
                await db.SaveChangesAsync().ConfigureAwait(false);
            }

            organisationId = found.Id;
        }

        var user = new PorterUser { UserName = email, Email = email, EmailConfirmed = true, OrganisationId = organisationId, Role = role, ProfessionalId = professionalId };
        IdentityResult result = await users.CreateAsync(user, password).ConfigureAwait(false);
        return [.. result.Errors.Select(e => e.Description)];
    }

    /// <summary>Who a change is recorded as made by: the signed-in person's email (their user name).</summary>
    public static string ActorOf(ClaimsPrincipal? user) => user?.Identity?.Name is { Length: > 0 } name ? name : "(signed in, no name)";

    /// <summary>The organisation of the signed-in person, or null when nobody is signed in.</summary>
    public static long? OrganisationOf(ClaimsPrincipal? user) =>
        user?.FindFirst(OrganisationClaim)?.Value is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : null;

    /// <summary>Who the signed-in person is to Porter (organisation, role, professional), or null when nobody is signed in.</summary>
    public static Viewer? ViewerOf(ClaimsPrincipal? user)
    {
        if (OrganisationOf(user) is not { } organisation)
        {
            return null;
        }

        // A sign-in without a role claim is an API key: it acts for the organisation, as its owner.
        PersonRole role = Viewer.TryParseRole(user!.FindFirst(RoleClaim)?.Value, out PersonRole parsed) ? parsed : PersonRole.Owner;
        return new Viewer(organisation, role, user.FindFirst(ProfessionalClaim)?.Value);
    }

    /// <summary>Puts the organisation id, the role and the professional in the sign-in cookie.</summary>
    private sealed class PorterClaims(UserManager<PorterUser> users, IOptions<IdentityOptions> options) : UserClaimsPrincipalFactory<PorterUser>(users, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PorterUser user)
        {
            ClaimsIdentity identity = await base.GenerateClaimsAsync(user).ConfigureAwait(false);
            identity.AddClaim(new Claim(OrganisationClaim, user.OrganisationId.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(RoleClaim, user.Role.ToString().ToLowerInvariant()));
            if (user.ProfessionalId is { Length: > 0 } professional)
            {
                identity.AddClaim(new Claim(ProfessionalClaim, professional));
            }
            return identity;
        }
    }

    /// <summary>Length limits and "not your own email" (ASVS 2.1); character-kind rules are deliberately absent (ASVS 2.1.9).</summary>
    private sealed class PassphraseValidator : IPasswordValidator<PorterUser>
    {
        public Task<IdentityResult> ValidateAsync(UserManager<PorterUser> manager, PorterUser user, string? password)
        {
            var errors = new List<IdentityError>();
            if (password is { Length: > MaximumPasswordLength })
            {
                errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"Passwords can be at most {MaximumPasswordLength} characters." });
            }

            string? local = user.Email?.Split('@')[0];
            if (password is not null && local is { Length: >= 3 } && password.Contains(local, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new IdentityError { Code = "PasswordContainsEmail", Description = "The password must not contain your email address." });
            }

            return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
        }
    }
}
