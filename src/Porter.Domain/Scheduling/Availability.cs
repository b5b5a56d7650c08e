using System.Collections.Frozen;
using System.Collections.Immutable;
using NodaTime;

namespace Porter.Domain.Scheduling;

/// <summary>
/// When a professional works: weekly hours in an IANA time zone, with holidays, vacations, temporary exceptions,
/// date overrides and one-off breaks. Build one with <see cref="AvailabilityBuilder"/>.
/// </summary>
/// <remarks>
/// <para>The hours of a local date come from the most specific rule that covers it: a date override, else a
/// holiday or vacation (closed), else a temporary exception naming that weekday, else the weekly hours. One-off
/// breaks are then cut out. See <see cref="ScheduleOn"/>.</para>
/// <para>A business day (for arithmetic in days) is a date with working hours by those rules; breaks do not
/// change it.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class Availability
{
    private readonly FrozenDictionary<LocalDate, Holiday> holidaysByDate;
    private readonly FrozenDictionary<LocalDate, DateOverride> overridesByDate;
    private readonly FrozenDictionary<LocalDate, ImmutableArray<DailyInterval>> breaksByDate;

    internal Availability(
        DateTimeZone zone,
        WeeklyHours weekly,
        ImmutableArray<Holiday> holidays,
        ImmutableArray<DateOverride> overrides,
        ImmutableArray<Vacation> vacations,
        ImmutableArray<TemporaryHours> temporaryHours,
        ImmutableArray<DatedBreak> breaks)
    {
        Zone = zone;
        Weekly = weekly;
        Holidays = holidays;
        Overrides = overrides;
        Vacations = vacations;
        TemporaryHours = temporaryHours;
        Breaks = breaks;
        holidaysByDate = holidays.GroupBy(h => h.Date).ToFrozenDictionary(g => g.Key, g => g.First());
        overridesByDate = overrides.ToFrozenDictionary(o => o.Date);
        breaksByDate = breaks.GroupBy(b => b.Date)
            .ToFrozenDictionary(g => g.Key, g => g.Select(b => b.Interval).OrderBy(i => i.StartTickOfDay).ToImmutableArray());
    }

    /// <summary>
    /// Every day from <paramref name="from"/> to <paramref name="to"/> in <paramref name="zone"/>: the waking hours
    /// assumed for a client whose own hours are not known, so nothing is offered to them at night.
    /// </summary>
    public static Availability Daily(DateTimeZone zone, LocalTime from, LocalTime to)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var day = new DailyInterval(from, to);
        WeeklyHours weekly = WeeklyHours.Create(Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
            .ToDictionary(d => d, _ => (IEnumerable<DailyInterval>)[day]));
        return new Availability(zone, weekly, [], [], [], [], []);
    }

    /// <summary>The professional's time zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>The usual hours per weekday.</summary>
    public WeeklyHours Weekly { get; }

    /// <summary>Holidays, sorted by date.</summary>
    public ImmutableArray<Holiday> Holidays { get; }

    /// <summary>Date overrides, sorted by date.</summary>
    public ImmutableArray<DateOverride> Overrides { get; }

    /// <summary>Vacations, sorted by start.</summary>
    public ImmutableArray<Vacation> Vacations { get; }

    /// <summary>Temporary exceptions to the weekly hours, sorted by start.</summary>
    public ImmutableArray<TemporaryHours> TemporaryHours { get; }

    /// <summary>One-off breaks, sorted by date and time.</summary>
    public ImmutableArray<DatedBreak> Breaks { get; }

    /// <summary>The hours of one local date, with the rule that decided them.</summary>
    public DaySchedule ScheduleOn(LocalDate date)
    {
        ImmutableArray<DailyInterval> breaks = breaksByDate.TryGetValue(date, out var b) ? b : [];
        if (overridesByDate.TryGetValue(date, out DateOverride? dateOverride))
        {
            return new DaySchedule(date, dateOverride.Hours, breaks, DayRule.Override, dateOverride.Note);
        }

        if (holidaysByDate.TryGetValue(date, out Holiday? holiday))
        {
            return new DaySchedule(date, [], breaks, DayRule.Holiday, holiday.Name);
        }

        foreach (Vacation vacation in Vacations)
        {
            if (vacation.Dates.Contains(date))
            {
                return new DaySchedule(date, [], breaks, DayRule.Vacation, vacation.Note);
            }
        }

        foreach (TemporaryHours temporary in TemporaryHours)
        {
            if (temporary.Dates.Contains(date) && temporary.Days.TryGetValue(date.DayOfWeek, out var hours))
            {
                return new DaySchedule(date, hours, breaks, DayRule.TemporaryHours, temporary.Name);
            }
        }

        return new DaySchedule(date, Weekly[date.DayOfWeek], breaks, DayRule.Weekly, null);
    }

    /// <summary>The working intervals of a date before breaks are cut out (no allocation).</summary>
    internal ImmutableArray<DailyInterval> HoursOn(LocalDate date)
    {
        if (overridesByDate.TryGetValue(date, out DateOverride? dateOverride))
        {
            return dateOverride.Hours;
        }

        if (holidaysByDate.ContainsKey(date) || IsInVacation(date))
        {
            return [];
        }

        foreach (TemporaryHours temporary in TemporaryHours)
        {
            if (temporary.Dates.Contains(date) && temporary.Days.TryGetValue(date.DayOfWeek, out var hours))
            {
                return hours;
            }
        }

        return Weekly[date.DayOfWeek];
    }

    /// <summary>The one-off breaks of a date, sorted.</summary>
    internal ImmutableArray<DailyInterval> BreaksOn(LocalDate date) =>
        breaksByDate.TryGetValue(date, out var breaks) ? breaks : [];

    /// <summary>Whether the date is a business day: it has working hours, whatever breaks cut out of them.</summary>
    public bool IsBusinessDay(LocalDate date) => !HoursOn(date).IsDefaultOrEmpty;

    /// <summary>Whether the date is a holiday (an override on the same date takes precedence).</summary>
    public bool IsHoliday(LocalDate date) => holidaysByDate.ContainsKey(date) && !overridesByDate.ContainsKey(date);

    /// <summary>Whether the date lies in a vacation.</summary>
    public bool IsInVacation(LocalDate date)
    {
        foreach (Vacation vacation in Vacations)
        {
            if (vacation.Dates.Contains(date))
            {
                return true;
            }
        }

        return false;
    }
}
