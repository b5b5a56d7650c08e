using Porter.Testing;
using NodaTime;
using Porter.Domain.Scheduling;

namespace Porter.Configuration.Tests;

public class ConfigReaderTests
{
    private static PorterConfig Parse(string json, string? baseDirectory = null) =>
        ConfigReader.Parse(json, "porter.json", baseDirectory ?? RepositoryPaths.Samples, DateTimeZoneProviders.Tzdb);

    private static IReadOnlyList<ConfigProblem> Problems(string json, string? baseDirectory = null) =>
        Assert.Throws<ConfigException>(() => Parse(json, baseDirectory)).Problems;

    [Fact]
    public void Load_Sample_ReadsEverySection()
    {
        PorterConfig config = ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "porter.json"), DateTimeZoneProviders.Tzdb);
        Availability a = config.Availability;

        Assert.Equal("Europe/London", a.Zone.Id);
        Assert.Equal(2, a.Weekly[IsoDayOfWeek.Monday].Length);
        Assert.True(a.Weekly[IsoDayOfWeek.Saturday].IsEmpty);
        Assert.Equal(17, a.Holidays.Length); // 16 bank holidays from the .ics file and one of the studio's own
        Assert.Contains(a.Holidays, h => h.Date == new LocalDate(2026, 12, 28) && h.Name == "Boxing Day (substitute day)");
        Assert.Equal(DayRule.Override, a.ScheduleOn(new LocalDate(2026, 11, 27)).Rule);
        Assert.True(a.ScheduleOn(new LocalDate(2026, 12, 31)).IsClosed);
        Assert.Equal(DayRule.Vacation, a.ScheduleOn(new LocalDate(2027, 8, 5)).Rule);
        Assert.Equal(DayRule.TemporaryHours, a.ScheduleOn(new LocalDate(2026, 12, 4)).Rule);
        Assert.Single(a.Breaks);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAllowed()
    {
        PorterConfig config = Parse("""
            {
              // my hours
              "availability": { "timeZone": "Asia/Kolkata", "weekly": { "mon": ["09:30-18:30",], }, },
            }
            """);
        Assert.Equal(Duration.FromHours(9), config.Availability.Weekly.NominalWeeklyTotal);
    }

    [Fact]
    public void Parse_InvalidJson_GivesTheLine()
    {
        ConfigProblem problem = Assert.Single(Problems("{\n  \"availability\": {\n    \"timeZone\": \"Europe/London\"\n    \"weekly\": {}\n  }\n}"));
        Assert.Equal(4, problem.Line);
        Assert.StartsWith("porter.json:4: not valid JSON", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownZone_GivesFileLineFieldAndReason()
    {
        ConfigProblem problem = Assert.Single(Problems("""
            {
              "availability": {
                "timeZone": "Europe/Lodnon"
              }
            }
            """));
        Assert.Equal(new ConfigProblem("porter.json", 3, "availability.timeZone", problem.Message), problem);
        Assert.StartsWith("unknown time zone 'Europe/Lodnon'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EveryProblemIsReportedAtOnce()
    {
        IReadOnlyList<ConfigProblem> problems = Problems("""
            {
              "availabilty": {},
              "availability": {
                "timeZone": "Europe/London",
                "weekly": {
                  "mon": ["09:00-12:00", "11:00-17:00"],
                  "tue": ["9-5"],
                  "funday": ["10:00-11:00"]
                },
                "holidays": ["2026-02-30"],
                "vacations": [{ "from": "2026-08-14", "to": "2026-08-03" }],
                "overrides": [{ "date": "2026-12-24", "hours": ["13:00-09:00"] }, { "date": "2026-12-31", "hours": [], "closed": true }],
                "breaks": [{ "date": "2026-11-24" }]
              }
            }
            """);

        string[] report = [.. problems.Select(p => p.ToString())];
        Assert.Contains("porter.json:2: availabilty: unknown field (expected one of: $schema, availability)", report);
        Assert.Contains("porter.json:7: availability.weekly.tue[0]: '9' is not a clock time (expected HH:mm, e.g. 09:30)", report);
        Assert.Contains(report, r => r.StartsWith("porter.json:8: availability.weekly.funday: unknown field", StringComparison.Ordinal));
        Assert.Contains("porter.json:10: availability.holidays[0]: '2026-02-30' is not a date (expected YYYY-MM-DD, e.g. 2026-12-25)", report);
        Assert.Contains(report, r => r.StartsWith("porter.json:12: availability.overrides[0].hours[0]: ends (09:00) before it starts (13:00)", StringComparison.Ordinal));
        Assert.Contains("porter.json:12: availability.overrides[1]: give either \"hours\" (the hours that day) or \"closed\": true", report);
        Assert.Contains("porter.json:13: availability.breaks[0]: \"hours\" is required: the time taken out of that day", report);
        Assert.Contains("porter.json:11: availability.vacations[0]: ends (2026-08-03) before it starts (2026-08-14)", report);
        Assert.Contains("porter.json:6: availability.weekly.mon[1]: 11:00-17:00 overlaps 09:00-12:00 (availability.weekly.mon[0])", report);
        Assert.Equal(9, problems.Count);
    }

    [Fact]
    public void Parse_MissingAvailability_SaysWhatIsNeeded()
    {
        ConfigProblem problem = Assert.Single(Problems("{}"));
        Assert.Equal("availability", problem.Field);
    }

    [Fact]
    public void Parse_WrongTypes_AreNamed()
    {
        IReadOnlyList<ConfigProblem> problems = Problems("""{ "availability": { "timeZone": 1, "weekly": { "mon": "09:00-17:00" } } }""");
        Assert.Contains(problems, p => p.Field == "availability.timeZone" && p.Message == "expected a string, found a number");
        Assert.Contains(problems, p => p.Field == "availability.weekly.mon" && p.Message.StartsWith("expected a list", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MissingHolidayCalendar_IsAProblemNotACrash()
    {
        ConfigProblem problem = Assert.Single(Problems("""{ "availability": { "timeZone": "Etc/UTC", "holidayCalendars": [{ "path": "no/such.ics" }] } }"""));
        Assert.Equal("availability.holidayCalendars[0].path", problem.Field);
        Assert.StartsWith("cannot read holiday calendar no/such.ics", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HolidayCalendarThatIsNotICalendar_IsAProblem()
    {
        string dir = Directory.CreateTempSubdirectory("porter-config").FullName;
        File.WriteAllText(Path.Combine(dir, "holidays.ics"), "<html>not a calendar</html>");
        ConfigProblem problem = Assert.Single(Problems("""{ "availability": { "timeZone": "Etc/UTC", "holidayCalendars": ["holidays.ics"] } }""", dir));
        Assert.Equal("availability.holidayCalendars[0]", problem.Field);
        Assert.StartsWith("holidays.ics is not an iCalendar file", problem.Message, StringComparison.Ordinal);
    }
}
