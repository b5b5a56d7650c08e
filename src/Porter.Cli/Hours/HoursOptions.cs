using System.CommandLine;
using NodaTime;
using Porter.Configuration;

namespace Porter.Cli.Hours;

/// <summary>Options shared by the <c>hours</c> commands, and loading the configuration they name.</summary>
internal static class HoursOptions
{
    public static Option<string> Config() => new("--config", "-c")
    {
        Description = "The configuration file (docs/configuration.md).",
        DefaultValueFactory = _ => "porter.json",
        HelpName = "FILE",
    };

    public static Option<string?> ClientZone() => new("--client-zone")
    {
        Description = "Also show times in this IANA time zone, the client's (e.g. America/New_York).",
        HelpName = "ZONE",
    };

    public static Option<string?> Professional() => new("--professional")
    {
        Description = "Whose hours, by id, in a practice of several professionals (default: the first).",
        HelpName = "ID",
    };

    /// <summary>The availability of the professional the option names (the first when it names none); null with a message on standard error for an unknown id.</summary>
    public static Porter.Domain.Scheduling.Availability? AvailabilityOf(ParseResult parseResult, PorterConfig config, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(config);
        string? id = parseResult.GetValue(option);
        if (id is null)
        {
            return config.First.Availability;
        }

        if (config.Find(id) is { } found)
        {
            return found.Availability;
        }

        parseResult.InvocationConfiguration.Error.WriteLine($"porter: no professional has the id '{id}' (the ids: {string.Join(", ", config.Professionals.Select(p => p.Professional.Id))})");
        return null;
    }

    /// <summary>Loads the configuration, or writes every problem to standard error.</summary>
    public static PorterConfig? Load(ParseResult parseResult, Option<string> option)
    {
        string path = parseResult.GetValue(option)!;
        try
        {
            return ConfigReader.Load(path, DateTimeZoneProviders.Tzdb);
        }
        catch (ConfigException e)
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            error.WriteLine($"porter: the configuration has {e.Problems.Count} problem{(e.Problems.Count == 1 ? "" : "s")}:");
            foreach (ConfigProblem problem in e.Problems)
            {
                error.WriteLine($"  {problem}");
            }

            return null;
        }
    }

    /// <summary>Resolves the client zone option; null with a message on standard error when it is not a zone.</summary>
    public static bool TryGetZone(ParseResult parseResult, Option<string?> option, out DateTimeZone? zone)
    {
        zone = null;
        string? id = parseResult.GetValue(option);
        if (id is null)
        {
            return true;
        }

        zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        if (zone is null)
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"porter: --client-zone: unknown time zone '{id}' (use an IANA id such as America/New_York)");
            return false;
        }

        return true;
    }
}
