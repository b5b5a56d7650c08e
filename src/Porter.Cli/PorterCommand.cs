using System.CommandLine;
using NodaTime;
using Porter.Cli.Hours;
using Porter.Cli.Messages;
using Porter.Cli.Signals;

namespace Porter.Cli;

/// <summary>The root <c>porter</c> command and its subcommands.</summary>
internal static class PorterCommand
{
    /// <summary>Builds the command tree; <paramref name="clock"/> answers "now" wherever a command needs it.</summary>
    public static RootCommand Create(IClock clock) => new("Porter keeps client communication inside the boundaries that professional and client agreed.")
    {
        HoursCommand.Create(clock),
        SimulateCommand.Create(),
        AnalyzeCommand.Create(),
        SignalsCommand.Create(),
        Service.ServeCommand.Create(clock),
        Service.ApiKeyCommand.Create(clock),
        Service.UserCommand.Create(),
        Service.AuditCommand.Create(),
        Service.ImportCommand.Create(clock),
        Service.PracticeCommand.Create(clock),
    };
}
