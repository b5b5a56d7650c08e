using NodaTime;
using Porter.Domain.Scheduling;

namespace Porter.Domain.Tests.Scheduling;

public class AvailabilityBuilderTests
{
    private static AvailabilityBuilder NewBuilder(string zone = "Europe/London")
    {
        var builder = new AvailabilityBuilder(DateTimeZoneProviders.Tzdb, "availability.timeZone");
        builder.SetTimeZone(zone, "availability.timeZone");
        return builder;
    }

    [Fact]
    public void TryBuild_UnknownZone_NamesFieldAndZone()
    {
        var builder = NewBuilder("Europe/Londn");
        Assert.False(builder.TryBuild(out _));
        AvailabilityProblem problem = Assert.Single(builder.Problems);
        Assert.Equal("availability.timeZone", problem.Field);
        Assert.Contains("unknown time zone 'Europe/Londn'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryBuild_NoZone_IsRequired()
    {
        var builder = new AvailabilityBuilder(DateTimeZoneProviders.Tzdb, "availability.timeZone");
        Assert.False(builder.TryBuild(out _));
        Assert.Equal("availability.timeZone", Assert.Single(builder.Problems).Field);
    }

    [Fact]
    public void AddWeekly_OverlappingIntervals_NamesBothFields()
    {
        var builder = NewBuilder();
        builder.AddWeekly(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(12, 0), "availability.weekly.mon[0]");
        builder.AddWeekly(IsoDayOfWeek.Monday, new LocalTime(11, 0), new LocalTime(17, 0), "availability.weekly.mon[1]");
        Assert.False(builder.TryBuild(out _));
        AvailabilityProblem problem = Assert.Single(builder.Problems);
        Assert.Equal("availability.weekly.mon[1]", problem.Field);
        Assert.Equal("11:00-17:00 overlaps 09:00-12:00 (availability.weekly.mon[0])", problem.Message);
    }

    [Fact]
    public void AddWeekly_NightShift_SplitsAtMidnightIntoNextDay()
    {
        var builder = NewBuilder();
        builder.AddWeekly(IsoDayOfWeek.Sunday, new LocalTime(22, 0), new LocalTime(6, 0), "weekly.sun[0]");
        Assert.True(builder.TryBuild(out Availability? availability));
        Assert.Equal([new DailyInterval(new LocalTime(22, 0), LocalTime.Midnight)], availability.Weekly[IsoDayOfWeek.Sunday].ToArray());
        Assert.Equal([new DailyInterval(LocalTime.Midnight, new LocalTime(6, 0))], availability.Weekly[IsoDayOfWeek.Monday].ToArray());
    }

    [Fact]
    public void AddWeekly_NightShiftRunningIntoNextDaysHours_IsAnOverlap()
    {
        var builder = NewBuilder();
        builder.AddWeekly(IsoDayOfWeek.Friday, new LocalTime(22, 0), new LocalTime(6, 0), "weekly.fri[0]");
        builder.AddWeekly(IsoDayOfWeek.Saturday, new LocalTime(5, 0), new LocalTime(9, 0), "weekly.sat[0]");
        Assert.False(builder.TryBuild(out _));
        Assert.Contains(builder.Problems, p => p.Field == "weekly.sat[0]" && p.Message.Contains("(weekly.fri[0])", StringComparison.Ordinal));
    }

    [Fact]
    public void AddWeekly_EmptyInterval_IsRefused()
    {
        var builder = NewBuilder();
        builder.AddWeekly(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(9, 0), "weekly.mon[0]");
        Assert.False(builder.TryBuild(out _));
        Assert.Contains("needs some time in it", Assert.Single(builder.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOverride_EndBeforeStart_CannotCrossMidnight()
    {
        var builder = NewBuilder();
        builder.AddOverride(new LocalDate(2026, 12, 24), [(new LocalTime(13, 0), new LocalTime(9, 0), "overrides[0].hours[0]")], null, "overrides[0]");
        Assert.False(builder.TryBuild(out _));
        AvailabilityProblem problem = Assert.Single(builder.Problems);
        Assert.Equal("overrides[0].hours[0]", problem.Field);
        Assert.StartsWith("ends (09:00) before it starts (13:00)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOverride_SameDateTwice_IsRefused()
    {
        var builder = NewBuilder();
        builder.AddOverride(new LocalDate(2026, 12, 24), [], null, "overrides[0]");
        builder.AddOverride(new LocalDate(2026, 12, 24), [], null, "overrides[1]");
        Assert.False(builder.TryBuild(out _));
        Assert.Equal("overrides[1]", Assert.Single(builder.Problems).Field);
    }

    [Fact]
    public void AddVacation_EndBeforeStart_IsRefused()
    {
        var builder = NewBuilder();
        builder.AddVacation(new LocalDate(2026, 8, 14), new LocalDate(2026, 8, 3), "Summer", "vacations[0]");
        Assert.False(builder.TryBuild(out _));
        Assert.Equal(new AvailabilityProblem("vacations[0]", "ends (2026-08-03) before it starts (2026-08-14)"), Assert.Single(builder.Problems));
    }

    [Fact]
    public void ScheduleOn_MostSpecificRuleWins()
    {
        Availability availability = Schedules.Build("Europe/London", "mon,tue,wed,thu,fri 09:00-17:00", b =>
        {
            b.AddHoliday(Schedules.Date("2026-12-25"), "Christmas Day");
            b.AddVacation(Schedules.Date("2026-08-03"), Schedules.Date("2026-08-14"), "Summer", "vacations[0]");
            b.AddOverride(Schedules.Date("2026-08-05"), [(new LocalTime(10, 0), new LocalTime(11, 0), "o")], "Launch call", "overrides[0]");
            b.AddTemporaryHours(Schedules.Date("2026-11-01"), Schedules.Date("2026-11-30"), "Year-end rush",
                new Dictionary<IsoDayOfWeek, IReadOnlyList<(LocalTime, LocalTime, string)>>
                {
                    [IsoDayOfWeek.Saturday] = [(new LocalTime(10, 0), new LocalTime(14, 0), "t")],
                    [IsoDayOfWeek.Friday] = [],
                },
                "temporaryHours[0]");
        });

        Assert.Equal(DayRule.Holiday, availability.ScheduleOn(Schedules.Date("2026-12-25")).Rule);
        Assert.True(availability.ScheduleOn(Schedules.Date("2026-12-25")).IsClosed);
        Assert.Equal(DayRule.Vacation, availability.ScheduleOn(Schedules.Date("2026-08-04")).Rule);
        DaySchedule launch = availability.ScheduleOn(Schedules.Date("2026-08-05"));
        Assert.Equal((DayRule.Override, "Launch call"), (launch.Rule, launch.Label));
        Assert.Equal([new DailyInterval(new LocalTime(10, 0), new LocalTime(11, 0))], launch.Hours.ToArray());
        Assert.Equal(DayRule.TemporaryHours, availability.ScheduleOn(Schedules.Date("2026-11-28")).Rule);
        Assert.True(availability.ScheduleOn(Schedules.Date("2026-11-27")).IsClosed); // a Friday closed by the exception
        Assert.Equal(DayRule.Weekly, availability.ScheduleOn(Schedules.Date("2026-11-26")).Rule); // Thursday: not named
        Assert.False(availability.IsBusinessDay(Schedules.Date("2026-11-27")));
        Assert.True(availability.IsBusinessDay(Schedules.Date("2026-11-28")));
    }
}
