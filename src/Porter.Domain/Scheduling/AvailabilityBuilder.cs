using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace Porter.Domain.Scheduling;

/// <summary>
/// Collects an availability definition piece by piece, each piece with the field it came from, and checks it as
/// a whole: unknown zones, empty or overlapping intervals, ranges that end before they start, duplicate dates.
/// Every problem names its field, so a configuration reader can tell the person exactly what to fix.
/// </summary>
/// <remarks>Not thread-safe; use one builder per definition.</remarks>
public sealed class AvailabilityBuilder
{
    private readonly IDateTimeZoneProvider zones;
    private readonly List<AvailabilityProblem> problems = [];
    private readonly List<(IsoDayOfWeek Day, DailyInterval Interval, string Field)> weekly = [];
    private readonly List<Holiday> holidays = [];
    private readonly Dictionary<LocalDate, (DateOverride Override, string Field)> overrides = [];
    private readonly List<Vacation> vacations = [];
    private readonly List<TemporaryHours> temporaryHours = [];
    private readonly List<(DatedBreak Break, string Field)> breaks = [];
    private readonly string timeZoneField;
    private DateTimeZone? zone;
    private bool zoneGiven;

    /// <summary>Creates a builder that resolves zone ids through <paramref name="zones"/>.</summary>
    /// <param name="zones">The time zone database, usually <c>DateTimeZoneProviders.Tzdb</c>.</param>
    /// <param name="timeZoneField">The field named when no time zone is given.</param>
    public AvailabilityBuilder(IDateTimeZoneProvider zones, string timeZoneField = "timeZone")
    {
        ArgumentNullException.ThrowIfNull(zones);
        this.zones = zones;
        this.timeZoneField = timeZoneField;
    }

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<AvailabilityProblem> Problems => problems;

    /// <summary>Records a problem found by the caller (a value that did not parse, say).</summary>
    public void AddProblem(string field, string message) => problems.Add(new AvailabilityProblem(field, message));

    /// <summary>Sets the IANA time zone, such as <c>Europe/London</c>.</summary>
    public void SetTimeZone(string zoneId, string field)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        zoneGiven = true;
        zone = zones.GetZoneOrNull(zoneId);
        if (zone is null)
        {
            AddProblem(field, $"unknown time zone '{zoneId}' (use an IANA id such as Europe/London; tz database {zones.VersionId})");
        }
    }

    /// <summary>
    /// Adds weekly hours on <paramref name="day"/>. An end before the start is a night shift that continues on
    /// the next day (<c>22:00-06:00</c> on Friday is Friday 22:00–24:00 and Saturday 00:00–06:00); an end of
    /// midnight means 24:00.
    /// </summary>
    public void AddWeekly(IsoDayOfWeek day, LocalTime start, LocalTime end, string field)
    {
        foreach ((IsoDayOfWeek d, DailyInterval interval) in SplitAtMidnight(day, start, end, field))
        {
            weekly.Add((d, interval, field));
        }
    }

    /// <summary>Adds a holiday; the same date twice is kept once.</summary>
    public void AddHoliday(LocalDate date, string? name) => holidays.Add(new Holiday(date, name));

    /// <summary>Gives one date its own hours; no intervals means closed that day. Intervals may not cross midnight.</summary>
    public void AddOverride(LocalDate date, IEnumerable<(LocalTime Start, LocalTime End, string Field)> hours, string? note, string field)
    {
        ArgumentNullException.ThrowIfNull(hours);
        if (overrides.TryGetValue(date, out var existing))
        {
            AddProblem(field, $"{date:uuuu-MM-dd} already has an override ({existing.Field})");
            return;
        }

        List<(DailyInterval Interval, string Field)> intervals = [];
        foreach ((LocalTime start, LocalTime end, string intervalField) in hours)
        {
            if (TryCreateWithinDay(start, end, intervalField, out DailyInterval interval))
            {
                intervals.Add((interval, intervalField));
            }
        }

        CheckOverlaps(intervals);
        overrides[date] = (new DateOverride(date, [.. intervals.Select(i => i.Interval).OrderBy(i => i.StartTickOfDay)], note), field);
    }

    /// <summary>Adds a vacation from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public void AddVacation(LocalDate from, LocalDate to, string? note, string field)
    {
        if (to < from)
        {
            AddProblem(field, $"ends ({to:uuuu-MM-dd}) before it starts ({from:uuuu-MM-dd})");
            return;
        }

        vacations.Add(new Vacation(new DateInterval(from, to), note));
    }

    /// <summary>
    /// Adds a temporary exception for a range of dates: for each weekday given, its hours replace the weekly ones
    /// (an empty list closes that weekday). Night shifts carry into the next weekday as with weekly hours.
    /// </summary>
    public void AddTemporaryHours(
        LocalDate from,
        LocalDate to,
        string name,
        IReadOnlyDictionary<IsoDayOfWeek, IReadOnlyList<(LocalTime Start, LocalTime End, string Field)>> days,
        string field)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (to < from)
        {
            AddProblem(field, $"ends ({to:uuuu-MM-dd}) before it starts ({from:uuuu-MM-dd})");
            return;
        }

        var perDay = days.Keys.ToDictionary(d => d, _ => new List<(DailyInterval Interval, string Field)>());
        foreach ((IsoDayOfWeek day, var intervals) in days)
        {
            foreach ((LocalTime start, LocalTime end, string intervalField) in intervals)
            {
                foreach ((IsoDayOfWeek d, DailyInterval interval) in SplitAtMidnight(day, start, end, intervalField))
                {
                    if (!perDay.TryGetValue(d, out var list))
                    {
                        list = [];
                        perDay[d] = list;
                    }

                    list.Add((interval, intervalField));
                }
            }
        }

        foreach (var list in perDay.Values)
        {
            CheckOverlaps(list);
        }

        temporaryHours.Add(new TemporaryHours(
            new DateInterval(from, to),
            name,
            perDay.ToImmutableDictionary(p => p.Key, p => p.Value.Select(i => i.Interval).OrderBy(i => i.StartTickOfDay).ToImmutableArray())));
    }

    /// <summary>Cuts a one-off break out of the hours of <paramref name="date"/>; it may not cross midnight.</summary>
    public void AddBreak(LocalDate date, LocalTime start, LocalTime end, string field)
    {
        if (TryCreateWithinDay(start, end, field, out DailyInterval interval))
        {
            breaks.Add((new DatedBreak(date, interval), field));
        }
    }

    /// <summary>Checks the definition as a whole and builds it.</summary>
    /// <param name="availability">The availability, when there were no problems.</param>
    /// <returns>True when the definition is valid; otherwise see <see cref="Problems"/>.</returns>
    public bool TryBuild([NotNullWhen(true)] out Availability? availability)
    {
        availability = null;
        if (!zoneGiven)
        {
            AddProblem(timeZoneField, "a time zone is required (an IANA id such as Europe/London)");
        }

        foreach (var group in weekly.GroupBy(w => w.Day))
        {
            CheckOverlaps([.. group.Select(g => (g.Interval, g.Field))]);
        }

        if (problems.Count > 0 || zone is null)
        {
            return false;
        }

        WeeklyHours hours = WeeklyHours.Create(weekly.GroupBy(w => w.Day).ToDictionary(g => g.Key, g => g.Select(w => w.Interval)));
        availability = new Availability(
            zone,
            hours,
            [.. holidays.DistinctBy(h => h.Date).OrderBy(h => h.Date)],
            [.. overrides.Values.Select(o => o.Override).OrderBy(o => o.Date)],
            [.. vacations.OrderBy(v => v.Dates.Start)],
            [.. temporaryHours.OrderBy(t => t.Dates.Start)],
            [.. breaks.Select(b => b.Break).OrderBy(b => b.Date).ThenBy(b => b.Interval.StartTickOfDay)]);
        return true;
    }

    private IEnumerable<(IsoDayOfWeek Day, DailyInterval Interval)> SplitAtMidnight(IsoDayOfWeek day, LocalTime start, LocalTime end, string field)
    {
        if (day == IsoDayOfWeek.None)
        {
            AddProblem(field, "no weekday given");
            yield break;
        }

        if (end == LocalTime.Midnight || start < end)
        {
            yield return (day, new DailyInterval(start, end));
        }
        else if (start == end)
        {
            AddProblem(field, $"starts and ends at {DailyInterval.Format(start, false)}: an interval needs some time in it");
        }
        else
        {
            // A night shift: the evening part on this day, the morning part on the next.
            yield return (day, new DailyInterval(start, LocalTime.Midnight));
            if (end != LocalTime.Midnight)
            {
                IsoDayOfWeek next = day == IsoDayOfWeek.Sunday ? IsoDayOfWeek.Monday : day + 1;
                yield return (next, new DailyInterval(LocalTime.Midnight, end));
            }
        }
    }

    private bool TryCreateWithinDay(LocalTime start, LocalTime end, string field, out DailyInterval interval)
    {
        interval = default;
        if (end != LocalTime.Midnight && end <= start)
        {
            AddProblem(field, $"ends ({DailyInterval.Format(end, true)}) before it starts ({DailyInterval.Format(start, false)}); " +
                "here an interval cannot cross midnight: split it into two dates");
            return false;
        }

        interval = new DailyInterval(start, end);
        return true;
    }

    private void CheckOverlaps(List<(DailyInterval Interval, string Field)> intervals)
    {
        var sorted = intervals.OrderBy(i => i.Interval.StartTickOfDay).ToList();
        for (int i = 1; i < sorted.Count; i++)
        {
            if (sorted[i - 1].Interval.Overlaps(sorted[i].Interval))
            {
                string where = sorted[i - 1].Field == sorted[i].Field ? "" : $" ({sorted[i - 1].Field})";
                AddProblem(sorted[i].Field, $"{sorted[i].Interval} overlaps {sorted[i - 1].Interval}{where}");
            }
        }
    }
}
