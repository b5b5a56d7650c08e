using System.CommandLine;
using Porter.Storage;

namespace Porter.Cli.Service;

/// <summary>The database options shared by <c>serve</c> and <c>api-key</c>.</summary>
internal static class DatabaseOptions
{
    public static Option<string> Sqlite() => new("--database")
    {
        Description = "The SQLite file (the embedded default). Or set PORTER_DATABASE.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PORTER_DATABASE") is { Length: > 0 } path ? path : Path.Combine("data", "porter.db"),
        HelpName = "PATH",
    };

    public static Option<string?> Postgres() => new("--postgres")
    {
        Description = "A PostgreSQL connection string, instead of SQLite (teams, several instances). Or set PORTER_POSTGRES.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PORTER_POSTGRES") is { Length: > 0 } cs ? cs : null,
        HelpName = "CONNECTION",
    };

    public static StorageOptions From(ParseResult parseResult, Option<string> sqlite, Option<string?> postgres) =>
        parseResult.GetValue(postgres) is { Length: > 0 } connection
            ? new StorageOptions(DatabaseProvider.Postgres, connection)
            : StorageOptions.Sqlite(parseResult.GetValue(sqlite)!);
}
