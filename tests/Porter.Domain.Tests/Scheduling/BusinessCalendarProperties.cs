using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;
using NodaTime.TimeZones;
using Porter.Domain.Scheduling;

namespace Porter.Domain.Tests.Scheduling;

/// <summary>A random schedule in a random zone, with a probe instant near one of the zone's DST transitions.</summary>
public sealed record ScheduleCase(string Zone, (int Day, int StartQuarter, int EndQuarter)[] Weekly, int[] HolidayOffsets, int ProbeMinutes, int AmountMinutes, int SecondAmountMinutes)
{
    private static readonly Instant Epoch = Instant.FromUtc(2025, 1, 1, 0, 0);

    public BusinessCalendar Calendar { get; } = Create(Zone, Weekly, HolidayOffsets);

    /// <summary>The probe: minutes from a DST transition of the zone in 2025–2026 (or from 2025-06-01 in zones without one).</summary>
    public Instant Probe => Transition(Zone) + Duration.FromMinutes(ProbeMinutes);

    public Duration Amount => Duration.FromMinutes(AmountMinutes);

    public Duration SecondAmount => Duration.FromMinutes(SecondAmountMinutes);

    public override string ToString() =>
        $"{Zone} weekly=[{string.Join(", ", Weekly.Select(w => $"{(IsoDayOfWeek)w.Day} {w.StartQuarter / 4.0:0.##}h-{w.EndQuarter / 4.0:0.##}h"))}] " +
        $"holidays=[{string.Join(",", HolidayOffsets)}] probe={Probe} amount={AmountMinutes}m second={SecondAmountMinutes}m";

    private static Instant Transition(string zoneId)
    {
        DateTimeZone zone = DateTimeZoneProviders.Tzdb[zoneId];
        ZoneInterval[] intervals = [.. zone.GetZoneIntervals(Epoch, Epoch + Duration.FromDays(730))];
        return intervals.Length > 1 ? intervals[1].Start : Instant.FromUtc(2025, 6, 1, 0, 0);
    }

    private static BusinessCalendar Create(string zone, (int Day, int StartQuarter, int EndQuarter)[] weekly, int[] holidays)
    {
        var builder = new AvailabilityBuilder(DateTimeZoneProviders.Tzdb);
        builder.SetTimeZone(zone, "timeZone");
        foreach ((int day, int start, int end) in weekly)
        {
            builder.AddWeekly((IsoDayOfWeek)day, LocalTime.FromMinutesSinceMidnight(start * 15 % 1440), LocalTime.FromMinutesSinceMidnight(end * 15 % 1440), "weekly");
        }

        LocalDate transitionDate = Transition(zone).InUtc().Date;
        foreach (int offset in holidays)
        {
            builder.AddHoliday(transitionDate.PlusDays(offset), null);
        }

        return builder.TryBuild(out Availability? availability)
            ? new BusinessCalendar(availability)
            : throw new InvalidOperationException(string.Join("; ", builder.Problems));
    }
}

public static class ScheduleArbitraries
{
    private static readonly string[] Zones =
    [
        "America/New_York", "Europe/London", "Australia/Sydney", "Pacific/Auckland", "America/Santiago",
        "Australia/Lord_Howe", "America/Havana", "Asia/Kolkata", "Europe/Berlin", "Pacific/Chatham", "Etc/UTC",
    ];

    public static Arbitrary<ScheduleCase> Cases()
    {
        // Per weekday, 0-3 intervals from sorted distinct quarter-hour cut points (96 = 24:00), never overlapping.
        Gen<(int, int, int)[]> day(int weekday) =>
            Gen.Choose(0, 3).SelectMany(count => Gen.ArrayOf(Gen.Choose(0, 96), count * 2)).Select(points =>
            {
                int[] sorted = [.. points.Distinct().Order()];
                var result = new List<(int, int, int)>();
                for (int i = 0; i + 1 < sorted.Length; i += 2)
                {
                    result.Add((weekday, sorted[i], sorted[i + 1]));
                }

                return result.ToArray();
            });

        Gen<(int, int, int)[]> week = Gen.CollectToArray(Enumerable.Range(1, 7).Select(day))
            .Select(days => days.SelectMany(d => d).ToArray())
            .Where(w => w.Length > 0);

        Gen<ScheduleCase> cases =
            from zone in Gen.Elements(Zones)
            from weekly in week
            from holidays in Gen.ArrayOf(Gen.Choose(-10, 10), 3)
            from probe in Gen.Choose(-4 * 1440, 4 * 1440)
            from amount in Gen.Frequency((3, Gen.Choose(0, 600)), (2, Gen.Choose(0, 20000)), (1, Gen.Elements(0, 60, 480)))
            from second in Gen.Choose(0, 3000)
            select new ScheduleCase(zone, weekly, holidays, probe, amount, second);
        return cases.ToArbitrary();
    }
}

/// <summary>
/// Laws of business-time arithmetic over random schedules in zones with odd DST rules (30-minute shifts,
/// transitions at midnight), probed around DST transitions.
/// </summary>
[Properties(Arbitrary = [typeof(ScheduleArbitraries)], MaxTest = 300)]
public class BusinessCalendarProperties
{
    [Property]
    public bool Between_OfAdd_IsTheAmount(ScheduleCase c) =>
        c.Calendar.BusinessTimeBetween(c.Probe, c.Calendar.PlusBusinessTime(c.Probe, c.Amount)) == c.Amount;

    [Property]
    public bool Add_LandsInHours(ScheduleCase c) => c.Calendar.IsOpen(c.Calendar.PlusBusinessTime(c.Probe, c.Amount));

    [Property]
    public bool Add_IsMonotoneInTheAmount(ScheduleCase c) =>
        c.Calendar.PlusBusinessTime(c.Probe, c.Amount) <= c.Calendar.PlusBusinessTime(c.Probe, c.Amount + c.SecondAmount);

    [Property]
    public bool Add_IsMonotoneInTheStart(ScheduleCase c) =>
        c.Calendar.PlusBusinessTime(c.Probe, c.Amount) <= c.Calendar.PlusBusinessTime(c.Probe + c.SecondAmount, c.Amount);

    [Property]
    public bool Add_IsAdditive(ScheduleCase c) =>
        c.Calendar.PlusBusinessTime(c.Calendar.PlusBusinessTime(c.Probe, c.Amount), c.SecondAmount)
        == c.Calendar.PlusBusinessTime(c.Probe, c.Amount + c.SecondAmount);

    /// <summary>Subtract undoes add up to the landing rules: it returns to the probe's next business moment.</summary>
    [Property]
    public bool Subtract_UndoesAdd(ScheduleCase c) =>
        c.Calendar.MinusBusinessTime(c.Calendar.PlusBusinessTime(c.Probe, c.Amount), c.Amount)
        == c.Calendar.PlusBusinessTime(c.Probe, Duration.Zero);

    [Property]
    public bool Between_IsAdditiveOverAMidpoint(ScheduleCase c)
    {
        Instant a = c.Probe, m = a + c.Amount, b = m + c.SecondAmount;
        return c.Calendar.BusinessTimeBetween(a, b) == c.Calendar.BusinessTimeBetween(a, m) + c.Calendar.BusinessTimeBetween(m, b);
    }

    /// <summary>
    /// An independent oracle: stepping minute by minute and asking which local interval (resolved leniently on
    /// the neighbouring dates) contains the minute gives the same business time as the indexed time line.
    /// </summary>
    [Property(MaxTest = 60)]
    public bool Between_MatchesMinuteByMinuteOracle(ScheduleCase c)
    {
        DateTimeZone zone = c.Calendar.Zone;
        Availability availability = c.Calendar.Availability;
        Instant start = c.Probe - Duration.FromHours(30);
        int openMinutes = 0;
        for (int minute = 0; minute < 60 * 60; minute++)
        {
            Instant t = start + Duration.FromMinutes(minute);
            LocalDate date = t.InZone(zone).Date;
            bool open = false;
            for (LocalDate d = date.PlusDays(-1); d <= date.PlusDays(1) && !open; d = d.PlusDays(1))
            {
                foreach (DailyInterval interval in availability.ScheduleOn(d).Hours)
                {
                    Instant s = zone.ResolveLocal(d + interval.Start, Resolvers.LenientResolver).ToInstant();
                    Instant e = zone.ResolveLocal((interval.EndsAtMidnight ? d.PlusDays(1) : d) + interval.End, Resolvers.LenientResolver).ToInstant();
                    open |= t >= s && t < e;
                }
            }

            if (open != c.Calendar.IsOpen(t))
            {
                return false;
            }

            openMinutes += open ? 1 : 0;
        }

        return c.Calendar.BusinessTimeBetween(start, start + Duration.FromHours(60)) == Duration.FromMinutes(openMinutes);
    }

    /// <summary>Day arithmetic against a naive count of business days, date by date.</summary>
    [Property]
    public bool PlusBusinessDays_MatchesNaiveDayCount(ScheduleCase c)
    {
        int days = c.AmountMinutes % 40;
        ZonedDateTime local = c.Probe.InZone(c.Calendar.Zone);
        LocalDate target = local.Date;
        for (int found = 0; found < days || (days == 0 && !c.Calendar.Availability.IsBusinessDay(target));)
        {
            if (days == 0)
            {
                target = target.PlusDays(1);
                continue;
            }

            target = target.PlusDays(1);
            found += c.Calendar.Availability.IsBusinessDay(target) ? 1 : 0;
        }

        Instant x = c.Calendar.Zone.ResolveLocal(target + local.TimeOfDay, Resolvers.LenientResolver).ToInstant();
        bool inHoursOrAtClosing = c.Calendar.MinusBusinessTime(x, Duration.Zero) == x;
        Instant expected = inHoursOrAtClosing ? x : c.Calendar.PlusBusinessTime(x, Duration.Zero);
        return c.Calendar.PlusBusinessDays(c.Probe, days) == expected;
    }
}
