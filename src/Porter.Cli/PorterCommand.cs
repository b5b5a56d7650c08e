using System.CommandLine;
using Porter.Cli.Hours;

namespace Porter.Cli;

/// <summary>The root <c>porter</c> command and its subcommands.</summary>
internal static class PorterCommand
{
    public static RootCommand Create() => new("Porter keeps client communication inside the boundaries that professional and client agreed.")
    {
        HoursCommand.Create(),
    };
}
