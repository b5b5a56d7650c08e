using System.CommandLine;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Porter.Cli.Output;
using Porter.Configuration;
using Porter.Domain.Scheduling;
using Spectre.Console;

namespace Porter.Cli.Hours;

/// <summary><c>porter hours deadline</c>: when a promise made at an instant falls due, and why.</summary>
internal static class DeadlineCommand
{
    public static Command Create(IClock clock)
    {
        Option<string> config = HoursOptions.Config();
        Option<string?> clientZone = HoursOptions.ClientZone();
        var at = new Option<string?>("--at")
        {
            Description = "When the message arrived: an ISO-8601 instant such as 2026-11-24T23:10:00Z or 2026-11-24T23:10:00+00:00 (default: now).",
            HelpName = "INSTANT",
        };
        var plus = new Option<string>("--plus")
        {
            Description = "The promise: business time such as 90m, 4h, 1h30m, or 3d for business days.",
            Required = true,
            HelpName = "AMOUNT",
        };
        var json = new Option<bool>("--json") { Description = "Print a JSON object instead of the explanation." };

        Option<string?> professional = HoursOptions.Professional();
        var command = new Command("deadline", "Compute a response deadline in business time, and explain it.")
        {
            config, at, plus, clientZone, json, professional,
        };
        command.SetAction(parseResult =>
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            if (!BusinessAmount.TryParse(parseResult.GetValue(plus)!, out BusinessAmount amount, out string? amountError))
            {
                error.WriteLine($"porter: --plus: {amountError}");
                return 2;
            }

            Instant received = clock.GetCurrentInstant();
            if (parseResult.GetValue(at) is { } atText)
            {
                ParseResult<OffsetDateTime> parsed = OffsetDateTimePattern.ExtendedIso.Parse(atText);
                if (!parsed.Success)
                {
                    error.WriteLine($"porter: --at: '{atText}' is not an instant with an offset, such as 2026-11-24T23:10:00Z");
                    return 2;
                }

                received = parsed.Value.ToInstant();
            }

            if (!HoursOptions.TryGetZone(parseResult, clientZone, out DateTimeZone? client) || HoursOptions.Load(parseResult, config) is not { } loaded)
            {
                return 2;
            }

            if (HoursOptions.AvailabilityOf(parseResult, loaded, professional) is not { } availability)
            {
                return 2;
            }

            var calendar = new BusinessCalendar(availability);
            Deadline deadline;
            try
            {
                deadline = Deadline.Compute(calendar, received, amount);
            }
            catch (ArgumentOutOfRangeException e)
            {
                error.WriteLine($"porter: {e.Message.Split(" (Parameter", 2)[0]}");
                return 1;
            }

            if (parseResult.GetValue(json))
            {
                parseResult.InvocationConfiguration.Output.WriteLine(deadline.ToJson(client));
            }
            else
            {
                deadline.Explain(Terminal.For(parseResult), client);
            }

            return 0;
        });
        return command;
    }

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A computed deadline with what is needed to explain it.</summary>
    private sealed record Deadline(BusinessCalendar Calendar, Instant Received, BusinessAmount Amount, Instant ClockStarts, Instant Due)
    {
        public static Deadline Compute(BusinessCalendar calendar, Instant received, BusinessAmount amount)
        {
            Instant starts = calendar.PlusBusinessTime(received, Duration.Zero);
            Instant due = amount.IsDays ? calendar.PlusBusinessDays(received, amount.Days) : calendar.PlusBusinessTime(received, amount.Time);
            return new Deadline(calendar, received, amount, starts, due);
        }

        private DateTimeZone Zone => Calendar.Zone;

        public void Explain(IAnsiConsole console, DateTimeZone? client)
        {
            bool open = Calendar.IsOpen(Received);
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            grid.AddRow("Received", $"{Terminal.Format(Received.InZone(Zone))} ({Zone.Id}): {(open ? "in working hours" : "[yellow]outside working hours[/]")}");
            if (!open)
            {
                grid.AddRow("Clock starts", $"{Terminal.Format(ClockStarts.InZone(Zone))}, the next opening");
            }

            grid.AddRow("Promise", Markup.Escape(Amount.ToString()));
            var counted = new List<string>();
            var byDay = Calendar.OpenIntervals(new Interval(Received, Due))
                .GroupBy(i => i.Start.InZone(Zone).Date)
                .ToList();
            Duration running = Duration.Zero;
            for (int d = 0; d < byDay.Count; d++)
            {
                Duration day = byDay[d].Aggregate(Duration.Zero, (sum, i) => sum + i.Duration);
                running += day;
                if (byDay.Count > 8 && d >= 3 && d < byDay.Count - 2)
                {
                    if (d == 3)
                    {
                        counted.Add($"… {byDay.Count - 5} more working days …");
                    }

                    continue;
                }

                string stretches = string.Join(", ", byDay[d].Select(i =>
                    $"{Terminal.Clock.Format(i.Start.InZone(Zone).TimeOfDay)}–{Terminal.Clock.Format(i.End.InZone(Zone).TimeOfDay)}"));
                counted.Add($"{Terminal.Day.Format(byDay[d].Key)}  {stretches}  ({Terminal.Format(day)}, {Terminal.Format(running)} so far)");
            }

            grid.AddRow("Counted", counted.Count == 0 ? "nothing: the deadline is the clock's start" : string.Join('\n', counted));
            grid.AddRow("[bold]Deadline[/]", $"[bold]{Terminal.Format(Due.InZone(Zone))}[/] ({Zone.Id})");
            if (client is not null)
            {
                grid.AddRow("", $"{Terminal.Format(Due.InZone(client))} in the client's zone ({client.Id})");
            }

            Instant closing = Calendar.MinusBusinessTime(Due - Duration.Epsilon, Duration.Zero);
            if (!Amount.IsDays && Amount.Time > Duration.Zero && closing < Due && Calendar.BusinessTimeBetween(Received, closing) == Amount.Time)
            {
                grid.AddRow("Note", $"the promise runs out exactly at a closing ({Terminal.Format(closing.InZone(Zone))}), so the deadline is the next opening");
            }

            console.Write(grid);
        }

        public string ToJson(DateTimeZone? client)
        {
            var value = new Dictionary<string, object?>
            {
                ["receivedAt"] = InstantPattern.General.Format(Received),
                ["inHoursAtReceipt"] = Calendar.IsOpen(Received),
                ["clockStarts"] = InstantPattern.General.Format(ClockStarts),
                ["promise"] = Amount.IsDays ? $"{Amount.Days}d" : $"{(long)Amount.Time.TotalMinutes}m",
                ["deadline"] = InstantPattern.General.Format(Due),
                ["deadlineLocal"] = Terminal.IsoWithOffset.Format(Due.InZone(Zone).ToOffsetDateTime()),
                ["timeZone"] = Zone.Id,
                ["businessMinutesUntilDeadline"] = (long)Calendar.BusinessTimeBetween(Received, Due).TotalMinutes,
            };
            if (client is not null)
            {
                value["deadlineInClientZone"] = Terminal.IsoWithOffset.Format(Due.InZone(client).ToOffsetDateTime());
                value["clientTimeZone"] = client.Id;
            }

            return JsonSerializer.Serialize(value, Readable);
        }
    }
}
