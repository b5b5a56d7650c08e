using NodaTime;
using Porter.Domain.Agreements;

namespace Porter.Domain.Tests.Agreements;

/// <summary>The agreed rhythms: the next occurrence keeps its weeks, its weekday and its time in the professional's zone.</summary>
public class CadenceTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public void EveryWeek_IsTheNextWeekday_AfterNow()
    {
        var weekly = new Cadence(1, IsoDayOfWeek.Tuesday, new LocalTime(15, 0), new LocalDate(2026, 1, 5));

        Assert.Equal(Instant.FromUtc(2026, 11, 24, 15, 0), weekly.Next(Instant.FromUtc(2026, 11, 24, 11, 0), London));
        Assert.Equal(Instant.FromUtc(2026, 12, 1, 15, 0), weekly.Next(Instant.FromUtc(2026, 11, 24, 15, 0), London));
    }

    [Fact]
    public void EveryOtherWeek_KeepsItsWeeks_WhateverDayItIsRead()
    {
        // Weeks counted from the week of 5 January 2026: the week of 23 November is 46 weeks on (even), that of 30 November odd.
        var fortnightly = new Cadence(2, IsoDayOfWeek.Wednesday, new LocalTime(14, 0), new LocalDate(2026, 1, 5));

        Assert.Equal(Instant.FromUtc(2026, 11, 25, 14, 0), fortnightly.Next(Instant.FromUtc(2026, 11, 23, 9, 0), London));
        Assert.Equal(Instant.FromUtc(2026, 12, 9, 14, 0), fortnightly.Next(Instant.FromUtc(2026, 11, 26, 9, 0), London));
        Assert.Equal(Instant.FromUtc(2026, 12, 9, 14, 0), fortnightly.Next(Instant.FromUtc(2026, 12, 2, 9, 0), London));
        Assert.Equal("every 2 weeks on Wednesday at 14:00", fortnightly.ToString());
    }

    [Fact]
    public void TheTime_IsInTheZone_AcrossTheClockChange()
    {
        var weekly = new Cadence(1, IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalDate(2026, 1, 5));

        // 30 March 2026 is the first Monday of British Summer Time: 09:00 London is 08:00 UTC.
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 8, 0), weekly.Next(Instant.FromUtc(2026, 3, 24, 12, 0), London));
    }
}
