using System.CommandLine;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Porter.Application.Access;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Web.Accounts;

namespace Porter.Cli.Service;

/// <summary><c>porter user create --email EMAIL</c>: an account for the dashboard (the first one is made this way).</summary>
internal static class UserCommand
{
    public static Command Create()
    {
        Option<string> email = new("--email") { Description = "The person's email address; they log in with it.", Required = true, HelpName = "EMAIL" };
        Option<string?> organisation = new("--organisation")
        {
            Description = "The organisation they belong to (made if new); they see its data only. Default: the organisation this instance's porter.json serves.",
            HelpName = "NAME",
        };
        Option<PersonRole> role = new("--role")
        {
            Description = "What they may do: owner (the whole organisation: every professional's clients and mail, the practice's settings), professional (their own clients and mail; their hours and agreements), assistant (reads one professional's clients and mail, drafts replies; changes nothing).",
            DefaultValueFactory = _ => PersonRole.Owner,
            HelpName = "owner|professional|assistant",
            CustomParser = r => Viewer.TryParseRole(r.Tokens.Count == 1 ? r.Tokens[0].Value : null, out PersonRole parsed)
                ? parsed
                : Bad(r),
        };
        Option<string?> professional = new("--professional")
        {
            Description = "The professional whose work they do or help with, by id (porter.json's professionals[].id). Needed for a professional or an assistant; an owner who is also a professional may give theirs.",
            HelpName = "ID",
        };
        Option<bool> passwordStdin = new("--password-stdin") { Description = $"Read the password from standard input (at least {Accounts.MinimumPasswordLength} characters) instead of generating one." };
        Option<string> sqlite = DatabaseOptions.Sqlite();
        Option<string?> postgres = DatabaseOptions.Postgres();
        var create = new Command("create", "Make an account for the dashboard. Without --password-stdin a strong password is generated and printed once.")
        {
            email, organisation, role, professional, passwordStdin, sqlite, postgres,
        };
        create.SetAction(async (parseResult, cancellationToken) =>
        {
            StorageOptions storage = DatabaseOptions.From(parseResult, sqlite, postgres);
            await StorageSetup.MigrateAsync(storage, cancellationToken).ConfigureAwait(false);
            string password = parseResult.GetValue(passwordStdin)
                ? (await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? "").TrimEnd('\r', '\n')
                : NewPassword();
            IReadOnlyList<string> errors = await CreateAsync(storage, parseResult.GetValue(email)!, password, parseResult.GetValue(organisation), parseResult.GetValue(role), parseResult.GetValue(professional)).ConfigureAwait(false);
            if (errors.Count > 0)
            {
                foreach (string error in errors)
                {
                    parseResult.InvocationConfiguration.Error.WriteLine($"porter: {error}");
                }

                return 1;
            }

            parseResult.InvocationConfiguration.Output.WriteLine(parseResult.GetValue(passwordStdin)
                ? $"Made the account {parseResult.GetValue(email)}."
                : $"Made the account {parseResult.GetValue(email)}; its password (shown once): {password}");
            return 0;
        });

        return new Command("user", "Manage the accounts that log in to the dashboard.") { create };
    }

    private static PersonRole Bad(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"--role: '{string.Join(" ", result.Tokens.Select(t => t.Value))}' is not a role (owner, professional, assistant)");
        return PersonRole.Owner;
    }

    /// <summary>Makes an account; Identity's errors, if any.</summary>
    public static async Task<IReadOnlyList<string>> CreateAsync(StorageOptions storage, string email, string password, string? organisation = null, PersonRole role = PersonRole.Owner, string? professionalId = null)
    {
        await using ServiceProvider services = Services(storage);
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        return await Accounts.CreateAsync(scope.ServiceProvider.GetRequiredService<UserManager<PorterUser>>(), scope.ServiceProvider.GetRequiredService<PorterDb>(), email, password, organisation, role, professionalId).ConfigureAwait(false);
    }

    /// <summary>The demo's account: made if missing, with a new password each run (printed by <c>porter serve --demo</c>).</summary>
    public static async Task<string> DemoAccountAsync(StorageOptions storage, string email)
    {
        string password = NewPassword();
        await using ServiceProvider services = Services(storage);
        await using AsyncServiceScope scope = services.CreateAsyncScope();
        UserManager<PorterUser> users = scope.ServiceProvider.GetRequiredService<UserManager<PorterUser>>();
        PorterUser? user = await users.FindByEmailAsync(email).ConfigureAwait(false);
        if (user is null)
        {
            IReadOnlyList<string> errors = await Accounts.CreateAsync(users, scope.ServiceProvider.GetRequiredService<PorterDb>(), email, password).ConfigureAwait(false);
            return errors.Count == 0 ? password : throw new InvalidOperationException(string.Join(" ", errors));
        }

        string token = await users.GeneratePasswordResetTokenAsync(user).ConfigureAwait(false);
        IdentityResult reset = await users.ResetPasswordAsync(user, token, password).ConfigureAwait(false);
        await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false);
        return reset.Succeeded ? password : throw new InvalidOperationException(string.Join(" ", reset.Errors.Select(e => e.Description)));
    }

    /// <summary>Twenty random characters from a 62-letter alphabet: about 119 bits.</summary>
    private static string NewPassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20);

    private static ServiceProvider Services(StorageOptions storage)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection();
        services.AddPorterStorage(storage);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PorterDb>>().CreateDbContext());
        services.AddPorterAccounts().AddDefaultTokenProviders();
        return services.BuildServiceProvider();
    }
}
