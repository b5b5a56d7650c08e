using NodaTime;
using Porter.Domain.Scheduling;
using static Porter.Domain.Tests.Scheduling.Schedules;

namespace Porter.Domain.Tests.Scheduling;

public class ScheduleDigestTests
{
    private const string Week = "mon,tue,wed,thu 09:00-12:30, 13:30-17:30; fri 09:00-13:00";
    private static readonly LocalDate Monday = new(2026, 11, 23);

    [Fact]
    public void Of_WritesEachDaysHoursInTheCalendarsZone()
    {
        string digest = ScheduleDigest.Of(Calendar("Europe/London", Week), Monday, 7);
        Assert.Equal(
            "2026-11-23 09:00-12:30 13:30-17:30\n2026-11-24 09:00-12:30 13:30-17:30\n2026-11-25 09:00-12:30 13:30-17:30\n" +
            "2026-11-26 09:00-12:30 13:30-17:30\n2026-11-27 09:00-13:00\n2026-11-28 off\n2026-11-29 off",
            digest);
    }

    [Fact]
    public void ChangedDates_AreTheOverlappingDatesWhoseHoursDiffer()
    {
        string before = ScheduleDigest.Of(Calendar("Europe/London", Week), Monday, 14);
        string after = ScheduleDigest.Of(
            Calendar("Europe/London", Week, b => b.AddHoliday(new LocalDate(2026, 12, 1), "Day off")), Monday.PlusDays(3), 14);

        Assert.Equal([new LocalDate(2026, 12, 1)], ScheduleDigest.ChangedDates(before, after));
        Assert.Empty(ScheduleDigest.ChangedDates(before, before));
    }

    [Fact]
    public void Hours_InTheClientsZone_CrossDaylightSavingDifferencesCorrectly()
    {
        BusinessCalendar london = Calendar("Europe/London", Week);
        DateTimeZone newYork = DateTimeZoneProviders.Tzdb["America/New_York"];

        // London and New York are 5 hours apart in November, 4 in the week of 23 March 2026 (New York already on summer time).
        Assert.Equal("04:00-07:30 08:30-12:30", ScheduleDigest.Hours(london, Monday, newYork));
        Assert.Equal("05:00-08:30 09:30-13:30", ScheduleDigest.Hours(london, new LocalDate(2026, 3, 23), newYork));
        Assert.Equal("off", ScheduleDigest.Hours(london, Monday.PlusDays(5), newYork));
    }
}
