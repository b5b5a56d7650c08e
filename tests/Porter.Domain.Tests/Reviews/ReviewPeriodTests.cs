using NodaTime;
using Porter.Domain.Reviews;

namespace Porter.Domain.Tests.Reviews;

/// <summary>The periods reviews cover: calendar months, fortnights from a fixed Monday, calendar quarters, in the professional's zone.</summary>
public class ReviewPeriodTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public void EachKind_HoldsTheDate_InItsOwnPeriod()
    {
        var day = new LocalDate(2026, 11, 24);

        Assert.Equal(new ReviewPeriod(ReviewKind.Communication, new LocalDate(2026, 11, 1), new LocalDate(2026, 12, 1)), ReviewPeriod.Containing(ReviewKind.Communication, day));
        // 16 November 2026 is 75 fortnights after Monday 1 January 2024.
        Assert.Equal(new ReviewPeriod(ReviewKind.ResponseTimes, new LocalDate(2026, 11, 16), new LocalDate(2026, 11, 30)), ReviewPeriod.Containing(ReviewKind.ResponseTimes, day));
        Assert.Equal(new ReviewPeriod(ReviewKind.Availability, new LocalDate(2026, 10, 1), new LocalDate(2027, 1, 1)), ReviewPeriod.Containing(ReviewKind.Availability, day));
        Assert.Equal(ReviewPeriod.Containing(ReviewKind.ResponseTimes, day), ReviewPeriod.Containing(ReviewKind.ResponseTimes, new LocalDate(2026, 11, 29)));
        Assert.NotEqual(ReviewPeriod.Containing(ReviewKind.ResponseTimes, day), ReviewPeriod.Containing(ReviewKind.ResponseTimes, new LocalDate(2026, 11, 30)));
    }

    [Fact]
    public void LastEnded_IsThePeriodBeforeToday_InTheZone()
    {
        // Monday 30 November 00:30 London: the fortnight to Sunday 29th has ended; November has not.
        Instant now = Instant.FromUtc(2026, 11, 30, 0, 30);
        Assert.Equal(new LocalDate(2026, 11, 16), ReviewPeriod.LastEnded(ReviewKind.ResponseTimes, now, London).Start);
        Assert.Equal(new LocalDate(2026, 10, 1), ReviewPeriod.LastEnded(ReviewKind.Communication, now, London).Start);
        // Across the new year: on 2 January 2027 the last quarter ended is the fourth of 2026.
        Assert.Equal(new LocalDate(2026, 10, 1), ReviewPeriod.LastEnded(ReviewKind.Availability, Instant.FromUtc(2027, 1, 2, 9, 0), London).Start);
    }

    [Fact]
    public void Parse_TakesOnlyTheFirstDayOfAPeriod()
    {
        Assert.Equal(new LocalDate(2026, 11, 16), ReviewPeriod.Parse(ReviewKind.ResponseTimes, "2026-11-16")!.Start);
        Assert.Null(ReviewPeriod.Parse(ReviewKind.ResponseTimes, "2026-11-23"));
        Assert.Null(ReviewPeriod.Parse(ReviewKind.Communication, "2026-11-02"));
        Assert.Null(ReviewPeriod.Parse(ReviewKind.Availability, "2026-11-01"));
        Assert.Null(ReviewPeriod.Parse(ReviewKind.Communication, "November"));
        Assert.True(ReviewKinds.TryParse("response-times", out ReviewKind kind) && kind == ReviewKind.ResponseTimes);
        Assert.False(ReviewKinds.TryParse("ResponseTimes", out _));
    }

    [Fact]
    public void In_RunsFromMidnightToMidnight_AcrossTheClockChange()
    {
        Interval march = ReviewPeriod.Parse(ReviewKind.Communication, "2026-03-01")!.In(London);

        Assert.Equal(Instant.FromUtc(2026, 3, 1, 0, 0), march.Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 31, 23, 0), march.End);
        Assert.Equal(31, ReviewPeriod.Parse(ReviewKind.Communication, "2026-03-01")!.Days);
    }

    [Fact]
    public void InWords()
    {
        Assert.Equal("November 2026", ReviewPeriod.Parse(ReviewKind.Communication, "2026-11-01")!.ToString());
        Assert.Equal("16 November to 29 November 2026", ReviewPeriod.Parse(ReviewKind.ResponseTimes, "2026-11-16")!.ToString());
        Assert.Equal("Q4 2026 (October to December)", ReviewPeriod.Parse(ReviewKind.Availability, "2026-10-01")!.ToString());
    }
}
