using System.CommandLine;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Keys;

namespace Porter.Cli.Service;

/// <summary><c>porter api-key create --name NAME</c>: a key for <c>Authorization: Bearer KEY</c>.</summary>
internal static class ApiKeyCommand
{
    public static Command Create(IClock clock)
    {
        Option<string> name = new("--name") { Description = "What the key is for (unique), such as zapier or phone-bridge.", Required = true, HelpName = "NAME" };
        Option<string> sqlite = DatabaseOptions.Sqlite();
        Option<string?> postgres = DatabaseOptions.Postgres();
        var create = new Command("create", "Make an API key and print it (once: only its hash is stored).") { name, sqlite, postgres };
        create.SetAction(async (parseResult, cancellationToken) =>
        {
            StorageOptions storage = DatabaseOptions.From(parseResult, sqlite, postgres);
            await StorageSetup.MigrateAsync(storage, cancellationToken).ConfigureAwait(false);
            await using PorterDb db = StorageSetup.Open(storage);
            try
            {
                string key = await ApiKeys.CreateAsync(db, parseResult.GetValue(name)!, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
                parseResult.InvocationConfiguration.Output.WriteLine(key);
                return 0;
            }
            catch (InvalidOperationException e)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"porter: {e.Message}");
                return 1;
            }
        });

        return new Command("api-key", "Manage API keys for the service's API.") { create };
    }
}
