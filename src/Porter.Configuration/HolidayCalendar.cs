using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;
using Porter.Domain.Scheduling;

namespace Porter.Configuration;

/// <summary>The holidays read from an iCalendar feed, and what was left out and why.</summary>
/// <param name="Holidays">One entry per date, named after the event's SUMMARY.</param>
/// <param name="Skipped">Events that are not all-day (a meeting in a holiday feed, say), by summary.</param>
public sealed record HolidayImport(IReadOnlyList<Holiday> Holidays, IReadOnlyList<string> Skipped);

/// <summary>
/// Reads holidays from an iCalendar (RFC 5545) file such as a public-holiday feed, with Ical.Net: every all-day
/// event (DTSTART;VALUE=DATE) is a holiday on each date it covers, recurring events expanded within a window.
/// </summary>
public static class HolidayCalendar
{
    /// <summary>Reads the holidays of <paramref name="icsText"/> that fall in <paramref name="window"/>.</summary>
    /// <exception cref="FormatException">The text is not an iCalendar file.</exception>
    public static HolidayImport Read(string icsText, DateInterval window)
    {
        ArgumentNullException.ThrowIfNull(icsText);
        ArgumentNullException.ThrowIfNull(window);
        Calendar? calendar;
        try
        {
            calendar = Calendar.Load(icsText);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new FormatException($"not an iCalendar file ({e.Message})", e);
        }

        if (calendar is null || !icsText.Contains("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("not an iCalendar file (no BEGIN:VCALENDAR)");
        }

        var holidays = new SortedDictionary<LocalDate, Holiday>();
        var skipped = new List<string>();
        var start = new CalDateTime(window.Start.Year, window.Start.Month, window.Start.Day);
        foreach (Occurrence occurrence in calendar.GetOccurrences<CalendarEvent>(start, null))
        {
            LocalDate first = LocalDate.FromDateOnly(occurrence.Period.StartTime.Date);
            if (first > window.End)
            {
                break;
            }

            string? name = (occurrence.Source as CalendarEvent)?.Summary;
            if (occurrence.Period.StartTime.HasTime)
            {
                skipped.Add(name ?? "(untitled event)");
                continue;
            }

            // All-day events end (exclusively) on the day after their last date; a missing end means one day.
            LocalDate endExclusive = LocalDate.FromDateOnly(occurrence.Period.EffectiveEndTime?.Date ?? occurrence.Period.StartTime.Date);
            if (endExclusive <= first)
            {
                endExclusive = first.PlusDays(1);
            }

            for (LocalDate date = first; date < endExclusive; date = date.PlusDays(1))
            {
                if (window.Contains(date))
                {
                    holidays.TryAdd(date, new Holiday(date, name));
                }
            }
        }

        return new HolidayImport([.. holidays.Values], [.. skipped.Distinct(StringComparer.Ordinal)]);
    }
}
