using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using Porter.Cli.Output;
using Porter.Domain.Scheduling;
using Spectre.Console;

namespace Porter.Cli.Hours;

/// <summary><c>porter hours show</c>: the working week, in the professional's zone and a client's, with the overlap.</summary>
internal static class ShowCommand
{
    public static Command Create(IClock clock)
    {
        Option<string> config = HoursOptions.Config();
        Option<string?> clientZone = HoursOptions.ClientZone();
        var clientHours = new Option<string>("--client-hours")
        {
            Description = "The client's own working hours in their zone, for the overlap, e.g. \"mon-fri 09:00-17:00; sat 10:00-12:00\".",
            DefaultValueFactory = _ => "mon-fri 09:00-17:00",
            HelpName = "HOURS",
        };
        var week = new Option<string?>("--week")
        {
            Description = "A date in the week to show, YYYY-MM-DD (default: the week of your next working moment: this week, or next week once this week's work is done).",
            HelpName = "DATE",
        };

        Option<string?> professional = HoursOptions.Professional();
        var command = new Command("show", "Show a working week: your hours, the same hours in a client's zone, and when both of you are working.")
        {
            config, clientZone, clientHours, week, professional,
        };
        command.SetAction(parseResult =>
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            if (!HoursOptions.TryGetZone(parseResult, clientZone, out DateTimeZone? client) || HoursOptions.Load(parseResult, config) is not { } loaded)
            {
                return 2;
            }

            if (HoursOptions.AvailabilityOf(parseResult, loaded, professional) is not { } availability)
            {
                return 2;
            }

            var calendar = new BusinessCalendar(availability);
            LocalDate anchor = calendar.PlusBusinessTime(clock.GetCurrentInstant(), Duration.Zero).InZone(calendar.Zone).Date;
            if (parseResult.GetValue(week) is { } weekText)
            {
                ParseResult<LocalDate> parsed = LocalDatePattern.Iso.Parse(weekText);
                if (!parsed.Success)
                {
                    error.WriteLine($"porter: --week: '{weekText}' is not a date (YYYY-MM-DD)");
                    return 2;
                }

                anchor = parsed.Value;
            }

            BusinessCalendar? clientCalendar = null;
            if (client is not null)
            {
                if (ParseClientHours(parseResult.GetValue(clientHours)!, client, out string? problem) is not { } clientAvailability)
                {
                    error.WriteLine($"porter: --client-hours: {problem}");
                    return 2;
                }

                clientCalendar = new BusinessCalendar(clientAvailability);
            }

            Render(Terminal.For(parseResult), calendar, anchor, client, clientCalendar);
            return 0;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, BusinessCalendar calendar, LocalDate anchor, DateTimeZone? client, BusinessCalendar? clientCalendar)
    {
        DateTimeZone zone = calendar.Zone;
        LocalDate monday = anchor.PlusDays(-((int)anchor.DayOfWeek - 1));
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Week of {Terminal.Day.Format(monday)} {monday.Year}")
            .AddColumn(new TableColumn("Day").NoWrap())
            .AddColumn(new TableColumn($"Your hours ({zone.Id})").NoWrap());
        if (client is not null)
        {
            table.AddColumn(new TableColumn($"Same hours for the client ({client.Id})").NoWrap())
                .AddColumn(new TableColumn("Both working (client's time)").NoWrap());
        }

        table.AddColumn(new TableColumn("Why").NoWrap());
        var notes = new List<string>();

        Duration total = Duration.Zero, overlapTotal = Duration.Zero;
        for (LocalDate date = monday; date < monday.PlusDays(7); date = date.PlusDays(1))
        {
            DaySchedule day = calendar.Availability.ScheduleOn(date);
            var dayInterval = new Interval(zone.AtStartOfDay(date).ToInstant(), zone.AtStartOfDay(date.PlusDays(1)).ToInstant());
            Interval[] open = [.. calendar.OpenIntervals(dayInterval)];
            total += open.Aggregate(Duration.Zero, (sum, i) => sum + i.Duration);
            var row = new List<string> { Terminal.Day.Format(date), open.Length == 0 ? "[grey]closed[/]" : Times(open, zone, date) };
            if (client is not null && clientCalendar is not null)
            {
                row.Add(open.Length == 0 ? "" : Times(open, client, date, relativeTo: zone));
                Interval[] both = [.. open.SelectMany(i => clientCalendar.OpenIntervals(i))];
                overlapTotal += both.Aggregate(Duration.Zero, (sum, i) => sum + i.Duration);
                row.Add(both.Length == 0 ? (open.Length == 0 ? "" : "[yellow]none[/]") : Times(both, client, date, relativeTo: zone));
            }

            row.Add(Markup.Escape(Why(day)));
            if (day.Label is { Length: > 0 } || !day.Breaks.IsDefaultOrEmpty)
            {
                notes.Add($"  {Terminal.Day.Format(date)}  {Markup.Escape(Explain(day))}");
            }

            table.AddRow([.. row]);
        }

        console.Write(table);
        foreach (string note in notes)
        {
            console.MarkupLine(note);
        }

        console.MarkupLine($"Working time this week: [bold]{Terminal.Format(total)}[/]"
            + (client is not null ? $"; both working: [bold]{Terminal.Format(overlapTotal)}[/]" : ""));
        Instant weekStart = zone.AtStartOfDay(monday).ToInstant();
        Instant next = calendar.NextOpening(weekStart);
        console.MarkupLine($"First opening of the week: {Terminal.Format(next.InZone(zone))}");
    }

    private static string Times(IEnumerable<Interval> intervals, DateTimeZone zone, LocalDate day, DateTimeZone? relativeTo = null) =>
        string.Join(", ", intervals.Select(i =>
        {
            ZonedDateTime start = i.Start.InZone(zone), end = i.End.InZone(zone);
            bool endsAtMidnight = end.TimeOfDay == LocalTime.Midnight && end.Date > start.Date;
            string endText = endsAtMidnight ? "24:00" : Terminal.Clock.Format(end.TimeOfDay);
            string text = $"{Terminal.Clock.Format(start.TimeOfDay)}–{endText}";
            if (relativeTo is null)
            {
                return text;
            }

            // Mark times that fall on another date in the other zone than the row's date.
            string shift = DayShift(start.Date, day);
            if (shift.Length == 0 && !endsAtMidnight && end.Date != start.Date)
            {
                return $"{text} (ends {DayShift(end.Date, day).Trim(' ', '(', ')')})";
            }

            return text + shift;
        }));

    private static string DayShift(LocalDate shown, LocalDate day) => Period.DaysBetween(day, shown) switch
    {
        0 => "",
        > 0 and var d => $" (+{d}d)",
        var d => $" ({d}d)",
    };

    private static string Why(DaySchedule day)
    {
        string what = day.Rule switch
        {
            DayRule.Weekly => day.IsClosed ? "" : "usual",
            DayRule.Holiday => "holiday",
            DayRule.Vacation => "vacation",
            DayRule.Override => day.IsClosed ? "closed" : "changed",
            _ => "temporary",
        };
        return day.Breaks.IsDefaultOrEmpty ? what : $"{what}, break";
    }

    private static string Explain(DaySchedule day)
    {
        string what = day.Rule switch
        {
            DayRule.Weekly => "usual hours",
            DayRule.Holiday => "holiday",
            DayRule.Vacation => "vacation",
            DayRule.Override => day.IsClosed ? "closed" : "changed hours",
            _ => "temporary hours",
        };
        string label = day.Label is { Length: > 0 } text ? $": {text}" : "";
        string breaks = day.Breaks.IsDefaultOrEmpty ? "" : $"; break {string.Join(", ", day.Breaks)}";
        return what + label + breaks;
    }

    /// <summary>Parses "mon-fri 09:00-17:00; sat 10:00-12:00" into an availability in <paramref name="zone"/>.</summary>
    internal static Availability? ParseClientHours(string text, DateTimeZone zone, out string? problem)
    {
        problem = null;
        var builder = new AvailabilityBuilder(DateTimeZoneProviders.Tzdb);
        builder.SetTimeZone(zone.Id, "zone");
        foreach (string part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length != 2 || ExpandDays(words[0]) is not { } days)
            {
                problem = $"'{part}' is not like \"mon-fri 09:00-17:00\"";
                return null;
            }

            foreach (string range in words[1].Split(',', StringSplitOptions.TrimEntries))
            {
                string[] ends = range.Split(['-', '–'], StringSplitOptions.TrimEntries);
                if (ends.Length != 2
                    || DailyInterval.TryParseClockTime(ends[0], false, out LocalTime start) is not null
                    || DailyInterval.TryParseClockTime(ends[1], true, out LocalTime end) is not null)
                {
                    problem = $"'{range}' is not an interval like 09:00-17:00";
                    return null;
                }

                foreach (IsoDayOfWeek day in days)
                {
                    builder.AddWeekly(day, start, end, part);
                }
            }
        }

        if (builder.TryBuild(out Availability? availability))
        {
            return availability;
        }

        problem = string.Join("; ", builder.Problems.Select(p => p.Message));
        return null;
    }

    private static IsoDayOfWeek[]? ExpandDays(string text)
    {
        var result = new List<IsoDayOfWeek>();
        foreach (string item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            string[] range = item.Split('-');
            if (range.Length > 2 || !WeekdayNames.TryParse(range[0], out IsoDayOfWeek first)
                || !WeekdayNames.TryParse(range[^1], out IsoDayOfWeek last))
            {
                return null;
            }

            int from = (int)first - 1, to = (int)last - 1;
            for (int i = from; ; i = (i + 1) % 7)
            {
                result.Add(WeekdayNames.All[i].Day);
                if (i == to)
                {
                    break;
                }
            }
        }

        return [.. result];
    }
}
