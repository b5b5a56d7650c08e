using NodaTime;
using Porter.Domain.Scheduling;
using static Porter.Domain.Tests.Scheduling.Schedules;

namespace Porter.Domain.Tests.Scheduling;

public class BusinessCalendarTests
{
    private const string Weekdays = "mon,tue,wed,thu,fri 09:00-17:00";
    private static readonly BusinessCalendar London = Calendar("Europe/London", Weekdays, b => b.AddHoliday(Date("2026-12-25"), "Christmas Day"));

    [Fact]
    public void IsOpen_OpeningIncludedClosingExcluded()
    {
        Assert.True(London.IsOpen(Local("Europe/London", "2026-11-23T09:00:00")));
        Assert.True(London.IsOpen(Local("Europe/London", "2026-11-23T16:59:59")));
        Assert.False(London.IsOpen(Local("Europe/London", "2026-11-23T17:00:00")));
        Assert.False(London.IsOpen(Local("Europe/London", "2026-11-22T12:00:00"))); // Sunday
        Assert.False(London.IsOpen(Local("Europe/London", "2026-12-25T12:00:00"))); // holiday
    }

    [Fact]
    public void PlusBusinessTime_ExactFillAtFridayClose_JumpsToMondayOpening()
    {
        Instant deadline = London.PlusBusinessTime(Local("Europe/London", "2026-11-27T09:00:00"), Duration.FromHours(8));
        Assert.Equal(Local("Europe/London", "2026-11-30T09:00:00"), deadline);
    }

    [Fact]
    public void PlusBusinessTime_AfterHours_CountsFromNextOpening()
    {
        // A message at 23:10 on Tuesday with a 4-business-hour promise: due Wednesday 13:00.
        Instant deadline = London.PlusBusinessTime(Local("Europe/London", "2026-11-24T23:10:00"), Duration.FromHours(4));
        Assert.Equal(Local("Europe/London", "2026-11-25T13:00:00"), deadline);
    }

    [Fact]
    public void PlusBusinessTime_Zero_IsNextBusinessMoment()
    {
        Instant inHours = Local("Europe/London", "2026-11-23T10:00:00");
        Assert.Equal(inHours, London.PlusBusinessTime(inHours, Duration.Zero));
        Assert.Equal(Local("Europe/London", "2026-11-24T09:00:00"), London.PlusBusinessTime(Local("Europe/London", "2026-11-23T17:00:00"), Duration.Zero));
    }

    [Fact]
    public void PlusBusinessTime_LunchBreak_IsSkipped()
    {
        BusinessCalendar calendar = Calendar("America/New_York", "mon,tue,wed,thu,fri 09:00-12:00, 13:00-17:00");
        Assert.Equal(Local("America/New_York", "2026-11-23T13:00:00"), calendar.PlusBusinessTime(Local("America/New_York", "2026-11-23T09:00:00"), Duration.FromHours(3)));
        Assert.Equal(Local("America/New_York", "2026-11-23T14:30:00"), calendar.PlusBusinessTime(Local("America/New_York", "2026-11-23T11:30:00"), Duration.FromHours(2)));
    }

    [Fact]
    public void PlusBusinessTime_Holiday_IsSkipped()
    {
        Instant deadline = London.PlusBusinessTime(Local("Europe/London", "2026-12-24T16:00:00"), Duration.FromHours(2));
        Assert.Equal(Local("Europe/London", "2026-12-28T10:00:00"), deadline);
    }

    [Fact]
    public void PlusBusinessTime_NightShiftAcrossMidnight_IsOneStretch()
    {
        BusinessCalendar calendar = Calendar("Europe/Berlin", "mon,tue,wed,thu,fri 22:00-06:00");
        Instant start = Local("Europe/Berlin", "2026-11-23T23:00:00");
        Assert.Equal(Local("Europe/Berlin", "2026-11-24T03:00:00"), calendar.PlusBusinessTime(start, Duration.FromHours(4)));
        Assert.True(calendar.IsOpen(Local("Europe/Berlin", "2026-11-24T00:00:00")));
        Interval stretch = Assert.Single(calendar.OpenIntervals(new Interval(start, start + Duration.FromHours(12))));
        Assert.Equal(Local("Europe/Berlin", "2026-11-24T06:00:00"), stretch.End);
    }

    [Fact]
    public void PlusBusinessTime_LondonSpringForward_ShortDayCountsRealHours()
    {
        // 2026-03-29 01:00 GMT -> 02:00 BST. A Sunday shift 00:00-04:00 lasts 3 real hours that day.
        BusinessCalendar calendar = Calendar("Europe/London", "sun 00:00-04:00");
        Instant start = Local("Europe/London", "2026-03-29T00:00:00");
        Assert.Equal(Duration.FromHours(3), calendar.BusinessTimeBetween(start, start + Duration.FromHours(5)));
        Assert.Equal(Local("Europe/London", "2026-04-05T01:00:00"), calendar.PlusBusinessTime(start, Duration.FromHours(4)));
    }

    [Fact]
    public void BusinessTimeBetween_NewYorkFallBack_LongDayCountsRealHours()
    {
        // 2026-11-01 02:00 EDT -> 01:00 EST: 00:00-04:00 is five real hours.
        BusinessCalendar calendar = Calendar("America/New_York", "sun 00:00-04:00");
        Instant start = Local("America/New_York", "2026-10-31T12:00:00");
        Assert.Equal(Duration.FromHours(5), calendar.BusinessTimeBetween(start, start + Duration.FromDays(1)));
    }

    [Fact]
    public void LordHoweSpringForward_ThirtyMinuteGap_ShiftsByTheGap()
    {
        // Australia/Lord_Howe skips 02:00-02:30 on 2026-10-04. An opening at 02:15 opens at 02:45 (+11), the
        // lenient rule; the reference would add a whole hour (03:15), a defect Porter does not copy.
        BusinessCalendar calendar = Calendar("Australia/Lord_Howe", "sun 02:15-05:00");
        Instant saturdayNoon = Local("Australia/Lord_Howe", "2026-10-03T12:00:00");
        Instant opening = calendar.NextOpening(saturdayNoon);
        Assert.Equal(Instant.FromUtc(2026, 10, 3, 15, 45), opening);
        Assert.Equal(Duration.FromMinutes(135), calendar.BusinessTimeBetween(saturdayNoon, saturdayNoon + Duration.FromDays(1)));
    }

    [Fact]
    public void IsOpen_InSpringForwardGap_FollowsThePeriods()
    {
        // New York, Sunday 02:30-04:00 on 2026-03-08: 02:30 does not exist, the period is 03:30-04:00 EDT, and
        // IsOpen agrees with the deadline arithmetic (the reference answers from wall-clock time instead).
        BusinessCalendar calendar = Calendar("America/New_York", "sun 02:30-04:00");
        Instant quarterPastThree = Local("America/New_York", "2026-03-08T03:15:00");
        Assert.False(calendar.IsOpen(quarterPastThree));
        Assert.Equal(Local("America/New_York", "2026-03-08T03:30:00"), calendar.PlusBusinessTime(quarterPastThree, Duration.Zero));
    }

    [Fact]
    public void MinusBusinessTime_EndingExactlyAtOpening_StaysThere()
    {
        Assert.Equal(Local("Europe/London", "2026-11-24T09:00:00"), London.MinusBusinessTime(Local("Europe/London", "2026-11-24T10:00:00"), Duration.FromHours(1)));
        Assert.Equal(Local("Europe/London", "2026-11-23T17:00:00"), London.MinusBusinessTime(Local("Europe/London", "2026-11-23T20:00:00"), Duration.Zero));
        Assert.Equal(Local("Europe/London", "2026-11-23T16:00:00"), London.MinusBusinessTime(Local("Europe/London", "2026-11-24T10:00:00"), Duration.FromHours(2)));
    }

    [Theory]
    [InlineData("2026-11-23T17:00:00", 1, "2026-11-24T17:00:00")] // a closing stays a closing
    [InlineData("2026-11-23T07:00:00", 1, "2026-11-24T09:00:00")]
    [InlineData("2026-11-23T20:00:00", 1, "2026-11-25T09:00:00")]
    [InlineData("2026-11-21T10:00:00", 0, "2026-11-23T10:00:00")] // Saturday + 0 days
    [InlineData("2026-12-24T10:00:00", 1, "2026-12-28T10:00:00")] // over Christmas and the weekend
    public void PlusBusinessDays_SameWallClockOnTheNthBusinessDay(string from, int days, string expected) =>
        Assert.Equal(Local("Europe/London", expected), London.PlusBusinessDays(Local("Europe/London", from), days));

    [Fact]
    public void MinusBusinessDays_Zero_IsPreviousBusinessMoment() =>
        Assert.Equal(Local("Europe/London", "2026-11-20T17:00:00"), London.MinusBusinessDays(Local("Europe/London", "2026-11-23T07:00:00"), 0));

    [Fact]
    public void PlusBusinessDays_ThousandDays_SpansYears()
    {
        Instant start = Local("Europe/London", "2026-11-23T10:00:00");
        Instant later = London.PlusBusinessDays(start, 1000);
        Assert.Equal(start, London.MinusBusinessDays(later, 1000));
        Assert.InRange(later, Local("Europe/London", "2030-09-01T00:00:00"), Local("Europe/London", "2030-11-01T00:00:00"));
    }

    [Fact]
    public void Vacation_ClosesEveryDay()
    {
        BusinessCalendar calendar = Calendar("Europe/London", Weekdays, b => b.AddVacation(Date("2026-08-03"), Date("2026-08-14"), "Summer", "v"));
        Assert.Equal(Local("Europe/London", "2026-08-17T09:00:00"), calendar.NextOpening(Local("Europe/London", "2026-07-31T18:00:00")));
    }

    [Fact]
    public void Break_IsCutOutOfTheDay()
    {
        BusinessCalendar calendar = Calendar("Europe/London", Weekdays, b => b.AddBreak(Date("2026-11-24"), new LocalTime(14, 0), new LocalTime(15, 0), "breaks[0]"));
        Assert.False(calendar.IsOpen(Local("Europe/London", "2026-11-24T14:30:00")));
        Assert.True(calendar.IsOnBreak(Local("Europe/London", "2026-11-24T14:30:00")));
        Assert.Equal(Local("Europe/London", "2026-11-24T16:00:00"), calendar.PlusBusinessTime(Local("Europe/London", "2026-11-24T13:00:00"), Duration.FromHours(2)));
    }

    [Fact]
    public void NextOpeningAndClosing()
    {
        Instant mondayTen = Local("Europe/London", "2026-11-23T10:00:00");
        Assert.Equal(Local("Europe/London", "2026-11-23T17:00:00"), London.NextClosing(mondayTen));
        Assert.Equal(Local("Europe/London", "2026-11-24T09:00:00"), London.NextOpening(mondayTen));
        Assert.Equal(Local("Europe/London", "2026-11-23T09:00:00"), London.NextOpening(Local("Europe/London", "2026-11-22T10:00:00")));
    }

    [Fact]
    public void PlusBusinessTime_Negative_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => London.PlusBusinessTime(Instant.FromUtc(2026, 1, 1, 0, 0), Duration.FromHours(-1)));

    [Fact]
    public void PlusBusinessTime_NoWorkingTimeLeft_ThrowsClearly()
    {
        BusinessCalendar calendar = Calendar("Etc/UTC", "mon 09:00-10:00", b => b.AddVacation(Date("2026-01-01"), Date("2400-12-31"), "Retired", "v"));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => calendar.PlusBusinessTime(Instant.FromUtc(2026, 6, 1, 0, 0), Duration.FromHours(1)));
        Assert.Contains("any working time left", e.Message, StringComparison.Ordinal);
    }
}
