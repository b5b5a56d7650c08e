using Porter.Testing;
using NodaTime;

namespace Porter.Configuration.Tests;

public class HolidayCalendarTests
{
    private static readonly DateInterval Window = new(new LocalDate(2026, 1, 1), new LocalDate(2028, 12, 31));

    private static string Calendar(params string[] events) =>
        string.Join("\r\n", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", .. events, "END:VCALENDAR", ""]);

    private static string Event(string uid, string body) => $"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\n{body}\r\nEND:VEVENT";

    [Fact]
    public void Read_SampleFeed_HasEveryBankHoliday()
    {
        HolidayImport import = HolidayCalendar.Read(File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "holidays", "england-and-wales-2026-2027.ics")), Window);
        Assert.Equal(16, import.Holidays.Count);
        Assert.Equal(new LocalDate(2026, 4, 3), import.Holidays[1].Date);
        Assert.Equal("Good Friday", import.Holidays[1].Name);
        Assert.Empty(import.Skipped);
    }

    [Fact]
    public void Read_YearlyRecurrence_IsExpandedWithinTheWindow()
    {
        HolidayImport import = HolidayCalendar.Read(
            Calendar(Event("a", "DTSTART;VALUE=DATE:20200612\r\nDTEND;VALUE=DATE:20200613\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Studio anniversary")),
            Window);
        Assert.Equal([new LocalDate(2026, 6, 12), new LocalDate(2027, 6, 12), new LocalDate(2028, 6, 12)], import.Holidays.Select(h => h.Date));
    }

    [Fact]
    public void Read_MultiDayEvent_CoversEveryDateEndExclusive()
    {
        HolidayImport import = HolidayCalendar.Read(
            Calendar(Event("b", "DTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261227\r\nSUMMARY:Christmas closure")),
            Window);
        Assert.Equal([new LocalDate(2026, 12, 24), new LocalDate(2026, 12, 25), new LocalDate(2026, 12, 26)], import.Holidays.Select(h => h.Date));
    }

    [Fact]
    public void Read_TimedEvent_IsSkippedAndNamed()
    {
        HolidayImport import = HolidayCalendar.Read(
            Calendar(Event("c", "DTSTART:20260310T100000Z\r\nDTEND:20260310T110000Z\r\nSUMMARY:Team call")),
            Window);
        Assert.Empty(import.Holidays);
        Assert.Equal(["Team call"], import.Skipped);
    }

    [Fact]
    public void Read_NotACalendar_ThrowsFormatException() =>
        Assert.Throws<FormatException>(() => HolidayCalendar.Read("hello", Window));
}
