using System.CommandLine;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Spectre.Console;

namespace Porter.Cli.Output;

/// <summary>Spectre.Console bound to the command's output writer, and the date formats Porter prints.</summary>
internal static class Terminal
{
    /// <summary>"Tue 24 Nov 2026 23:10".</summary>
    public static readonly LocalDateTimePattern DateTime = LocalDateTimePattern.CreateWithInvariantCulture("ddd d MMM uuuu HH':'mm");

    /// <summary>"Tue 24 Nov".</summary>
    public static readonly LocalDatePattern Day = LocalDatePattern.CreateWithInvariantCulture("ddd d MMM");

    /// <summary>An ISO-8601 instant with the local offset, "2026-11-25T04:00:00-05:00".</summary>
    public static readonly OffsetDateTimePattern IsoWithOffset = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<+HH:mm>");

    public static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>A console that writes to the invocation's output; plain text unless that output is the real terminal.</summary>
    public static IAnsiConsole For(ParseResult parseResult)
    {
        TextWriter writer = parseResult.InvocationConfiguration.Output;
        bool isTerminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>A zoned time as "Tue 24 Nov 2026 23:10".</summary>
    public static string Format(ZonedDateTime time) => DateTime.Format(time.LocalDateTime);

    /// <summary>A duration as "7h 30m", "45m" or "0m".</summary>
    public static string Format(Duration duration)
    {
        long minutes = (long)Math.Floor(duration.TotalMinutes);
        long hours = minutes / 60;
        long rest = minutes % 60;
        return hours == 0 ? string.Create(CultureInfo.InvariantCulture, $"{rest}m")
            : rest == 0 ? string.Create(CultureInfo.InvariantCulture, $"{hours}h")
            : string.Create(CultureInfo.InvariantCulture, $"{hours}h {rest}m");
    }
}
