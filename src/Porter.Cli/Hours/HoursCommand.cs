using System.CommandLine;
using NodaTime;

namespace Porter.Cli.Hours;

/// <summary><c>porter hours</c>: working hours and business-time arithmetic.</summary>
internal static class HoursCommand
{
    public static Command Create(IClock clock) => new("hours", "Working hours and business-time arithmetic.")
    {
        ShowCommand.Create(clock),
        DeadlineCommand.Create(clock),
        EvalCommand.Create(),
    };
}
