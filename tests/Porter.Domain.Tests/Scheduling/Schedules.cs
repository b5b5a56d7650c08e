using NodaTime;
using NodaTime.Text;
using Porter.Domain.Scheduling;

namespace Porter.Domain.Tests.Scheduling;

/// <summary>Small helpers to write schedules and instants in tests the way a person would.</summary>
internal static class Schedules
{
    /// <summary>Builds an availability from "mon 09:00-12:00, 13:00-17:00; tue ..." style text, or throws with the problems.</summary>
    public static Availability Build(string zone, string weekly, Action<AvailabilityBuilder>? more = null)
    {
        var builder = new AvailabilityBuilder(DateTimeZoneProviders.Tzdb);
        builder.SetTimeZone(zone, "timeZone");
        foreach (string dayPart in weekly.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] words = dayPart.Split(' ', 2, StringSplitOptions.TrimEntries);
            foreach (string day in words[0].Split(','))
            {
                IsoDayOfWeek weekday = Day(day);
                foreach (string range in words[1].Split(',', StringSplitOptions.TrimEntries))
                {
                    (LocalTime start, LocalTime end) = Range(range);
                    builder.AddWeekly(weekday, start, end, $"weekly.{day}");
                }
            }
        }

        more?.Invoke(builder);
        return builder.TryBuild(out Availability? availability)
            ? availability
            : throw new InvalidOperationException(string.Join("; ", builder.Problems));
    }

    public static BusinessCalendar Calendar(string zone, string weekly, Action<AvailabilityBuilder>? more = null) =>
        new(Build(zone, weekly, more));

    public static (LocalTime Start, LocalTime End) Range(string text)
    {
        string[] parts = text.Split('-');
        Assert.Null(DailyInterval.TryParseClockTime(parts[0], false, out LocalTime start));
        Assert.Null(DailyInterval.TryParseClockTime(parts[1], true, out LocalTime end));
        return (start, end);
    }

    public static IsoDayOfWeek Day(string day) => day switch
    {
        "mon" => IsoDayOfWeek.Monday,
        "tue" => IsoDayOfWeek.Tuesday,
        "wed" => IsoDayOfWeek.Wednesday,
        "thu" => IsoDayOfWeek.Thursday,
        "fri" => IsoDayOfWeek.Friday,
        "sat" => IsoDayOfWeek.Saturday,
        "sun" => IsoDayOfWeek.Sunday,
        _ => throw new ArgumentException(day, nameof(day)),
    };

    /// <summary>An instant from "2026-03-27T17:00:00+00:00".</summary>
    public static Instant At(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).Value.ToInstant();

    /// <summary>A local date-time in a zone, resolved strictly (the test means an unambiguous time).</summary>
    public static Instant Local(string zone, string text) =>
        LocalDateTimePattern.ExtendedIso.Parse(text).Value.InZoneStrictly(DateTimeZoneProviders.Tzdb[zone]).ToInstant();

    public static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).Value;
}
