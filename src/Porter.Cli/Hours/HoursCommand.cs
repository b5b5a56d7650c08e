using System.CommandLine;

namespace Porter.Cli.Hours;

/// <summary><c>porter hours</c>: working hours and business-time arithmetic.</summary>
internal static class HoursCommand
{
    public static Command Create() => new("hours", "Working hours and business-time arithmetic.")
    {
        EvalCommand.Create(),
    };
}
