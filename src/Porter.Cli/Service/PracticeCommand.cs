using System.CommandLine;
using NodaTime;
using Porter.Application.Changes;
using Porter.Configuration;
using Porter.Storage;
using Porter.Storage.Practice;

namespace Porter.Cli.Service;

/// <summary>
/// <c>porter practice import FILE</c> and <c>porter practice export [--version N]</c>: porter.json in and out of the
/// database, where the practice lives. An import is checked by the same reader as <c>porter serve</c> (every problem
/// as <c>file:line: field: reason</c>, nothing saved), takes the holiday calendars it names from beside the file, and
/// becomes a new version on record; running instances take it up within a second. An export prints a version as it was
/// saved, so import then export gives the file back.
/// </summary>
internal static class PracticeCommand
{
    /// <summary>Who an import is recorded as made by.</summary>
    public const string ImportActor = "porter practice import";

    public static Command Create(IClock clock) => new("practice", "The practice (porter.json) in the database: import a file as a new version, export a version.")
    {
        Import(clock),
        Export(),
    };

    private static Command Import(IClock clock)
    {
        Argument<FileInfo> file = new("FILE") { Description = "The porter.json to import." };
        Option<string> sqlite = DatabaseOptions.Sqlite();
        Option<string?> postgres = DatabaseOptions.Postgres();
        var import = new Command("import", "Check a porter.json and make it the practice's new version (its holiday calendars taken from beside it).") { file, sqlite, postgres };
        import.SetAction(async (parseResult, cancellationToken) =>
        {
            FileInfo chosen = parseResult.GetValue(file)!;
            TextWriter error = parseResult.InvocationConfiguration.Error;
            string text;
            try
            {
                text = await File.ReadAllTextAsync(chosen.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"porter practice import: cannot read {chosen.FullName}: {e.Message}");
                return 1;
            }

            Dictionary<string, string> files = ConfigReader.FilesBeside(text, chosen.DirectoryName!);
            try
            {
                ConfigReader.Parse(text, chosen.Name, files, DateTimeZoneProviders.Tzdb);
            }
            catch (ConfigException e)
            {
                foreach (ConfigProblem problem in e.Problems)
                {
                    error.WriteLine(problem.ToString());
                }

                error.WriteLine($"porter practice import: {e.Problems.Count} problem(s); nothing was saved.");
                return 1;
            }

            StorageOptions storage = DatabaseOptions.From(parseResult, sqlite, postgres);
            await StorageSetup.MigrateAsync(storage, cancellationToken).ConfigureAwait(false);
            await using PorterDb db = StorageSetup.Open(storage);
            long before = (await PracticeVersions.LatestAsync(db, cancellationToken).ConfigureAwait(false))?.Id ?? 0;
            long version = await PracticeVersions.RecordAsync(db, text, files, ImportActor, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.WriteLine(version == before
                ? $"The practice is already this file (version {version}); nothing new was saved."
                : $"Imported {chosen.Name} as version {version} of the practice.");
            return 0;
        });
        return import;
    }

    private static Command Export()
    {
        Option<long?> version = new("--version") { Description = "The version to print (the latest when not given).", HelpName = "N" };
        Option<string> sqlite = DatabaseOptions.Sqlite();
        Option<string?> postgres = DatabaseOptions.Postgres();
        var export = new Command("export", "Print a version of the practice (the latest by default) as porter.json, as it was saved.") { version, sqlite, postgres };
        export.SetAction(async (parseResult, cancellationToken) =>
        {
            StorageOptions storage = DatabaseOptions.From(parseResult, sqlite, postgres);
            await StorageSetup.MigrateAsync(storage, cancellationToken).ConfigureAwait(false);
            await using PorterDb db = StorageSetup.Open(storage);
            long? chosen = parseResult.GetValue(version);
            PracticeVersion? found = chosen is { } id
                ? await PracticeVersions.FindAsync(db, id, cancellationToken).ConfigureAwait(false)
                : await PracticeVersions.LatestAsync(db, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                parseResult.InvocationConfiguration.Error.WriteLine(chosen is { } missing
                    ? $"porter practice export: there is no version {missing} of the practice."
                    : "porter practice export: no practice is on record yet (porter serve or porter practice import records one).");
                return 1;
            }

            parseResult.InvocationConfiguration.Output.Write(found.Document);
            return 0;
        });
        return export;
    }
}
