using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Porter.Domain.Scheduling;

namespace Porter.Cli.Hours;

/// <summary>The operations of the business-time vector format.</summary>
internal enum VectorOp
{
    Add,
    Subtract,
    Between,
    InHours,
    OnHoliday,
    OnBreak,
}

/// <summary>The units of <c>add</c> and <c>subtract</c>.</summary>
internal enum VectorUnit
{
    None,
    Minutes,
    Hours,
    Days,
}

/// <summary>One query of a vector file, parsed and bound to its schedule's calendar.</summary>
internal sealed record VectorQuery(int Line, string Schedule, long N, VectorOp Op, Instant At, Instant To, int Amount, VectorUnit Unit, BusinessCalendar Calendar)
{
    /// <summary>The group this query's speed is reported under, e.g. <c>add/hours</c>.</summary>
    public string Group => Op switch
    {
        VectorOp.Add => "add/" + Unit.ToString().ToLowerInvariant(),
        VectorOp.Subtract => "subtract/" + Unit.ToString().ToLowerInvariant(),
        VectorOp.Between => "between",
        VectorOp.InHours => "in_hours",
        VectorOp.OnHoliday => "on_holiday",
        _ => "on_break",
    };
}

/// <summary>The answer to a query: an instant, a number of seconds, or a yes/no.</summary>
internal readonly record struct VectorAnswer(VectorOp Op, Instant Instant, long Seconds, bool Flag)
{
    public string ToJsonValue() => Op switch
    {
        VectorOp.Add or VectorOp.Subtract => "\"" + InstantPattern.General.Format(Instant) + "\"",
        VectorOp.Between => Seconds.ToString(CultureInfo.InvariantCulture),
        _ => Flag ? "true" : "false",
    };
}

/// <summary>A line of output: an answer or an error, for a query (schedule and n) or for a bad input line.</summary>
internal sealed record VectorOutput(int Line, string? Schedule, long? N, string? Result, string? Error)
{
    // Error texts quote the input ('Mars/Olympus'); keep them readable rather than \u0027-escaped.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson()
    {
        string key = Schedule is null
            ? $"\"line\":{Line.ToString(CultureInfo.InvariantCulture)}"
            : $"\"schedule\":{JsonSerializer.Serialize(Schedule, Readable)},\"n\":{N!.Value.ToString(CultureInfo.InvariantCulture)}";
        return Error is null ? $"{{{key},\"result\":{Result}}}" : $"{{{key},\"error\":{JsonSerializer.Serialize(Error, Readable)}}}";
    }
}

/// <summary>
/// Reads a business-time vector file (../shared/business-time/FORMAT.md: JSON Lines of schedules and queries) and
/// answers its queries with <see cref="BusinessCalendar"/>. A bad line or schedule becomes an error line; the run
/// goes on.
/// </summary>
internal sealed class BusinessTimeVectors
{
    private static readonly OffsetDateTimePattern AtPattern = OffsetDateTimePattern.ExtendedIso;

    private readonly Dictionary<string, BusinessCalendar> calendars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> brokenSchedules = new(StringComparer.Ordinal);

    // Every output line in input order: errors as found, queries to answer (see AnswerAll).
    private readonly List<(int Line, VectorOutput? Output, VectorQuery? Query)> lines = [];

    /// <summary>The queries that could be bound, in input order.</summary>
    public List<VectorQuery> Queries { get; } = [];

    /// <summary>Reads a whole vector file.</summary>
    public static BusinessTimeVectors Read(TextReader reader, IDateTimeZoneProvider zones)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var vectors = new BusinessTimeVectors();
        int lineNumber = 0;
        while (reader.ReadLine() is { } text)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            vectors.ReadLine(lineNumber, text, zones);
        }

        return vectors;
    }

    /// <summary>Answers one query.</summary>
    public static VectorAnswer Answer(VectorQuery q)
    {
        BusinessCalendar c = q.Calendar;
        return q.Op switch
        {
            VectorOp.Add => new(q.Op, q.Unit switch
            {
                VectorUnit.Minutes => c.PlusBusinessTime(q.At, Duration.FromMinutes(q.Amount)),
                VectorUnit.Hours => c.PlusBusinessTime(q.At, Duration.FromHours(q.Amount)),
                _ => c.PlusBusinessDays(q.At, q.Amount),
            }, 0, false),
            VectorOp.Subtract => new(q.Op, q.Unit switch
            {
                VectorUnit.Minutes => c.MinusBusinessTime(q.At, Duration.FromMinutes(q.Amount)),
                VectorUnit.Hours => c.MinusBusinessTime(q.At, Duration.FromHours(q.Amount)),
                _ => c.MinusBusinessDays(q.At, q.Amount),
            }, 0, false),
            VectorOp.Between => new(q.Op, default, (long)c.BusinessTimeBetween(q.At, q.To).TotalSeconds, false),
            VectorOp.InHours => new(q.Op, default, 0, c.IsOpen(q.At)),
            VectorOp.OnHoliday => new(q.Op, default, 0, c.IsHoliday(q.At)),
            _ => new(q.Op, default, 0, c.IsOnBreak(q.At)),
        };
    }

    /// <summary>Answers every query and returns every output line, in input order.</summary>
    public IEnumerable<VectorOutput> AnswerAll()
    {
        foreach ((int line, VectorOutput? output, VectorQuery? query) in lines)
        {
            if (output is not null)
            {
                yield return output;
                continue;
            }

            VectorOutput answer;
            try
            {
                answer = new VectorOutput(line, query!.Schedule, query.N, Answer(query).ToJsonValue(), null);
            }
            catch (ArgumentOutOfRangeException e)
            {
                answer = new VectorOutput(line, query!.Schedule, query.N, null, FirstSentence(e.Message));
            }

            yield return answer;
        }
    }

    private static string FirstSentence(string message)
    {
        int paramNote = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return paramNote > 0 ? message[..paramNote] : message;
    }

    private void ReadLine(int lineNumber, string text, IDateTimeZoneProvider zones)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            Fail(lineNumber, null, null, $"line {lineNumber}: not valid JSON ({e.Message})");
            return;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out JsonElement type) || type.ValueKind != JsonValueKind.String)
            {
                Fail(lineNumber, null, null, $"line {lineNumber}: expected an object with a \"type\"");
                return;
            }

            switch (type.GetString())
            {
                case "meta":
                    return;
                case "schedule":
                    ReadSchedule(lineNumber, root, zones);
                    return;
                case "query":
                    ReadQuery(lineNumber, root);
                    return;
                default:
                    Fail(lineNumber, null, null, $"line {lineNumber}: unknown type '{type.GetString()}'");
                    return;
            }
        }
    }

    private void Fail(int line, string? schedule, long? n, string message) =>
        lines.Add((line, new VectorOutput(line, schedule, n, null, message), null));

    private void ReadSchedule(int lineNumber, JsonElement root, IDateTimeZoneProvider zones)
    {
        string? id = root.TryGetProperty("id", out JsonElement idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        if (string.IsNullOrEmpty(id))
        {
            Fail(lineNumber, null, null, $"line {lineNumber}: schedule without an \"id\"");
            return;
        }

        var builder = new AvailabilityBuilder(zones, "tz");
        try
        {
            if (root.TryGetProperty("tz", out JsonElement tz) && tz.ValueKind == JsonValueKind.String)
            {
                builder.SetTimeZone(tz.GetString()!, "tz");
            }

            if (root.TryGetProperty("hours", out JsonElement hours))
            {
                foreach (JsonProperty day in hours.EnumerateObject())
                {
                    if (!WeekdayNames.TryParse(day.Name, out IsoDayOfWeek weekday))
                    {
                        builder.AddProblem($"hours.{day.Name}", "not a weekday (sun, mon, tue, wed, thu, fri, sat)");
                        continue;
                    }

                    foreach ((LocalTime start, LocalTime end, string field) in Intervals(day.Value, $"hours.{day.Name}", builder))
                    {
                        builder.AddWeekly(weekday, start, end, field);
                    }
                }
            }

            if (root.TryGetProperty("holidays", out JsonElement holidays))
            {
                int i = 0;
                foreach (JsonElement holiday in holidays.EnumerateArray())
                {
                    if (Date(holiday, $"holidays[{i++}]", builder) is { } date)
                    {
                        builder.AddHoliday(date, null);
                    }
                }
            }

            foreach ((string property, bool isBreak) in new[] { ("breaks", true), ("shifts", false) })
            {
                if (!root.TryGetProperty(property, out JsonElement dated))
                {
                    continue;
                }

                foreach (JsonProperty entry in dated.EnumerateObject())
                {
                    string field = $"{property}.{entry.Name}";
                    if (Date(entry.Name, field, builder) is not { } date)
                    {
                        continue;
                    }

                    var intervals = Intervals(entry.Value, field, builder).ToList();
                    if (isBreak)
                    {
                        intervals.ForEach(i => builder.AddBreak(date, i.Start, i.End, i.Field));
                    }
                    else
                    {
                        builder.AddOverride(date, intervals, null, field);
                    }
                }
            }
        }
        catch (InvalidOperationException e)
        {
            builder.AddProblem("schedule", $"unexpected shape ({e.Message})");
        }

        if (builder.TryBuild(out Availability? availability))
        {
            calendars[id] = new BusinessCalendar(availability);
        }
        else
        {
            string problems = string.Join("; ", builder.Problems);
            brokenSchedules[id] = problems;
            Fail(lineNumber, null, null, $"line {lineNumber}: schedule {id} is invalid: {problems}");
        }
    }

    private static List<(LocalTime Start, LocalTime End, string Field)> Intervals(JsonElement list, string field, AvailabilityBuilder builder)
    {
        var result = new List<(LocalTime, LocalTime, string)>();
        int i = 0;
        foreach (JsonElement pair in list.EnumerateArray())
        {
            string itemField = $"{field}[{i++}]";
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                || pair[0].ValueKind != JsonValueKind.String || pair[1].ValueKind != JsonValueKind.String)
            {
                builder.AddProblem(itemField, "expected [\"HH:MM\", \"HH:MM\"]");
                continue;
            }

            string? startProblem = DailyInterval.TryParseClockTime(pair[0].GetString()!, false, out LocalTime start);
            string? endProblem = DailyInterval.TryParseClockTime(pair[1].GetString()!, true, out LocalTime end);
            if (startProblem is not null || endProblem is not null)
            {
                builder.AddProblem(itemField, startProblem ?? endProblem!);
                continue;
            }

            if (end != LocalTime.Midnight && end <= start)
            {
                // The vector format splits night shifts itself: here the start must come first.
                builder.AddProblem(itemField, $"the start ({pair[0].GetString()}) must be before the end ({pair[1].GetString()})");
                continue;
            }

            result.Add((start, end, itemField));
        }

        return result;
    }

    private static LocalDate? Date(JsonElement element, string field, AvailabilityBuilder builder)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            builder.AddProblem(field, "expected a date YYYY-MM-DD");
            return null;
        }

        return Date(element.GetString()!, field, builder);
    }

    private static LocalDate? Date(string text, string field, AvailabilityBuilder builder)
    {
        ParseResult<LocalDate> result = LocalDatePattern.Iso.Parse(text);
        if (result.Success)
        {
            return result.Value;
        }

        builder.AddProblem(field, $"'{text}' is not a date (expected YYYY-MM-DD)");
        return null;
    }

    private void ReadQuery(int lineNumber, JsonElement root)
    {
        string? schedule = root.TryGetProperty("schedule", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        long? n = root.TryGetProperty("n", out JsonElement nElement) && nElement.TryGetInt64(out long nValue) ? nValue : null;
        if (schedule is null || n is null)
        {
            Fail(lineNumber, null, null, $"line {lineNumber}: a query needs \"schedule\" and an integer \"n\"");
            return;
        }

        string? error = TryBindQuery(root, out VectorOp op, out Instant at, out Instant to, out int amount, out VectorUnit unit);
        if (error is not null)
        {
            Fail(lineNumber, schedule, n, $"line {lineNumber}: {error}");
            return;
        }

        if (!calendars.TryGetValue(schedule, out BusinessCalendar? calendar))
        {
            Fail(lineNumber, schedule, n, brokenSchedules.ContainsKey(schedule)
                ? $"line {lineNumber}: schedule {schedule} is invalid (see its line)"
                : $"line {lineNumber}: unknown schedule '{schedule}' (schedules must come before their queries)");
            return;
        }

        var query = new VectorQuery(lineNumber, schedule, n.Value, op, at, to, amount, unit, calendar);
        Queries.Add(query);
        lines.Add((lineNumber, null, query));
    }

    private static string? TryBindQuery(JsonElement root, out VectorOp op, out Instant at, out Instant to, out int amount, out VectorUnit unit)
    {
        op = default;
        at = to = default;
        amount = 0;
        unit = VectorUnit.None;
        string? opText = root.TryGetProperty("op", out JsonElement opElement) ? opElement.GetString() : null;
        switch (opText)
        {
            case "add": op = VectorOp.Add; break;
            case "subtract": op = VectorOp.Subtract; break;
            case "between": op = VectorOp.Between; break;
            case "in_hours": op = VectorOp.InHours; break;
            case "on_holiday": op = VectorOp.OnHoliday; break;
            case "on_break": op = VectorOp.OnBreak; break;
            default: return $"unknown op '{opText}' (add, subtract, between, in_hours, on_holiday, on_break)";
        }

        if (ParseInstant(root, "at", out at) is { } atError)
        {
            return atError;
        }

        if (op == VectorOp.Between && ParseInstant(root, "to", out to) is { } toError)
        {
            return toError;
        }

        if (op is VectorOp.Add or VectorOp.Subtract)
        {
            if (!root.TryGetProperty("amount", out JsonElement amountElement) || !amountElement.TryGetInt32(out amount) || amount < 0)
            {
                return "\"amount\" must be an integer of at least 0";
            }

            unit = (root.TryGetProperty("unit", out JsonElement u) ? u.GetString() : null) switch
            {
                "minutes" => VectorUnit.Minutes,
                "hours" => VectorUnit.Hours,
                "days" => VectorUnit.Days,
                _ => VectorUnit.None,
            };
            if (unit == VectorUnit.None)
            {
                return "\"unit\" must be minutes, hours or days";
            }
        }

        return null;
    }

    private static string? ParseInstant(JsonElement root, string name, out Instant instant)
    {
        instant = default;
        if (!root.TryGetProperty(name, out JsonElement element) || element.ValueKind != JsonValueKind.String)
        {
            return $"\"{name}\" is missing";
        }

        ParseResult<OffsetDateTime> result = AtPattern.Parse(element.GetString()!);
        if (!result.Success)
        {
            return $"\"{name}\" is not an instant like 2026-03-12T17:00:00-04:00";
        }

        instant = result.Value.ToInstant();
        return null;
    }
}
