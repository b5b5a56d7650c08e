using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Porter.Domain.Scheduling;

/// <summary>
/// The working hours of the coming days, one line per date ("2026-11-24 09:00-12:30 13:30-17:30", "2026-11-28 off"),
/// in the professional's zone: what is compared to tell whether the schedule clients rely on has changed, and which
/// dates it changed on. Weekly hours, holidays, overrides and vacations all show in it, so a change to any of them
/// is seen; a change that moves nothing in the coming days is not.
/// </summary>
public static class ScheduleDigest
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>The digest of <paramref name="days"/> days from <paramref name="from"/>.</summary>
    public static string Of(BusinessCalendar calendar, LocalDate from, int days)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var lines = new List<string>(days);
        for (int i = 0; i < days; i++)
        {
            LocalDate date = from.PlusDays(i);
            lines.Add($"{Date.Format(date)} {Hours(calendar, date, calendar.Zone)}");
        }

        return string.Join('\n', lines);
    }

    /// <summary>The dates both digests cover on which the hours differ, with the new hours.</summary>
    public static IReadOnlyList<LocalDate> ChangedDates(string before, string after)
    {
        Dictionary<LocalDate, string> old = Parse(before);
        return [.. Parse(after).Where(d => old.TryGetValue(d.Key, out string? was) && was != d.Value).Select(d => d.Key).Order()];
    }

    /// <summary>The open hours on <paramref name="date"/> (a date in the calendar's zone), written in <paramref name="zone"/>, or "off".</summary>
    public static string Hours(BusinessCalendar calendar, LocalDate date, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        Instant start = date.AtStartOfDayInZone(calendar.Zone).ToInstant();
        Instant end = date.PlusDays(1).AtStartOfDayInZone(calendar.Zone).ToInstant();
        string[] stretches = [.. calendar.OpenIntervals(new Interval(start, end)).Select(i =>
            $"{Time.Format(i.Start.InZone(zone).TimeOfDay)}-{Time.Format(i.End.InZone(zone).TimeOfDay)}")];
        return stretches.Length == 0 ? "off" : string.Join(' ', stretches);
    }

    private static Dictionary<LocalDate, string> Parse(string digest) =>
        digest.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2 && Date.Parse(parts[0]).Success)
            .ToDictionary(parts => Date.Parse(parts[0]).Value, parts => parts[1]);

    /// <summary>A date for people: "Tue 24 Nov".</summary>
    public static string Day(LocalDate date) => date.ToString("ddd d MMM", CultureInfo.InvariantCulture);
}
