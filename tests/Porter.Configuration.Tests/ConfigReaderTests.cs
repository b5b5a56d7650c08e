using Porter.Testing;
using NodaTime;
using Porter.Domain.Scheduling;
using Porter.Domain.Agreements;

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
        Availability a = config.First.Availability;

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
        Assert.Equal(Duration.FromHours(9), config.First.Availability.Weekly.NominalWeeklyTotal);
    }

    [Theory]
    [InlineData("{ \"availability\": { \"timeZone\": \"Europe/London\" } }")]
    [InlineData("{ \"availability\": { \"timeZone\": \"Europe/London\", \"weekly\": {} } }")]
    [InlineData("{ \"availability\": { \"timeZone\": \"Europe/London\", \"weekly\": { \"mon\": [], \"tue\": [] },\n  \"overrides\": [{ \"date\": \"2026-12-01\", \"hours\": [\"09:00-17:00\"] }] } }")]
    public void Parse_NoWorkingTimeInTheWeek_IsRefused_WithTheField(string json)
    {
        // Such a practice never opens: every message would wait for a window that never comes.
        ConfigProblem problem = Assert.Single(Problems(json));
        Assert.Equal("availability.weekly", problem.Field);
        Assert.Contains("no working hours in the week", problem.Message, StringComparison.Ordinal);
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
        Assert.Contains("porter.json:2: availabilty: unknown field (expected one of: $schema, availability, professional, professionals, onCall, policy, booking, defaultChannels, signals, replies, clients)", report);
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
        ConfigProblem problem = Assert.Single(Problems("""{ "availability": { "timeZone": "Etc/UTC", "weekly": { "mon": ["09:00-17:00"] }, "holidayCalendars": [{ "path": "no/such.ics" }] } }"""));
        Assert.Equal("availability.holidayCalendars[0].path", problem.Field);
        Assert.StartsWith("cannot read holiday calendar no/such.ics", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_HolidayCalendarThatIsNotICalendar_IsAProblem()
    {
        string dir = Directory.CreateTempSubdirectory("porter-config").FullName;
        File.WriteAllText(Path.Combine(dir, "holidays.ics"), "<html>not a calendar</html>");
        ConfigProblem problem = Assert.Single(Problems("""{ "availability": { "timeZone": "Etc/UTC", "weekly": { "mon": ["09:00-17:00"] }, "holidayCalendars": ["holidays.ics"] } }""", dir));
        Assert.Equal("availability.holidayCalendars[0]", problem.Field);
        Assert.StartsWith("holidays.ics is not an iCalendar file", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Sample_ReadsThePractice()
    {
        PorterConfig config = ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "porter.json"), DateTimeZoneProviders.Tzdb);
        Assert.True(config.First.Professional.OwnsAddress("Hello@RiveraStudio.example"));
        Assert.Equal("Alex Morgan", config.First.OnCall!.Name);
        Assert.True(config.Policy.AfterHoursEmergenciesToOnCall);
        Assert.Equal(2, config.Clients.Length);
        Porter.Domain.Agreements.Client northwind = config.Clients[0];
        Assert.Equal("America/New_York", northwind.Zone.Id);
        Assert.Equal(Duration.FromHours(1), northwind.ChannelFor("sms")!.Promise);
        Assert.Equal(Porter.Domain.Agreements.ChannelRole.NotUsed, northwind.ChannelFor("WhatsApp")!.Role);
        Assert.Equal(3, northwind.Milestones.Length);
        Assert.Contains("website", northwind.Scope.Excluded);
        Porter.Domain.Agreements.Practice practice = config.ToPractice();
        Assert.Same(northwind, practice.FindClient("JORDAN@northwind.example"));
        Assert.Same(config.Clients[1], practice.FindClient("+49 30 5550 1234"));
        Assert.NotNull(practice.RulesFor(config.Clients[1]).Match(Porter.Domain.Signals.TextCue.PlanChange, "Können wir das verschieben?"));
        Assert.Null(practice.RulesFor(northwind).Match(Porter.Domain.Signals.TextCue.PlanChange, "Können wir das verschieben?"));
        Assert.Equal(Duration.FromHours(12), config.Booking.MinimumNotice);
        Assert.Equal(Duration.FromMinutes(15), config.Booking.Buffer);
    }

    [Fact]
    public void Parse_Booking_DefaultsWhereAbsent_ProblemsNamed()
    {
        PorterConfig config = Parse("""{ "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"] } }, "booking": { "slotMinutes": 45 } }""");
        Assert.Equal(Duration.FromMinutes(45), config.Booking.SlotLength);
        Assert.Equal(Porter.Domain.Scheduling.BookingRules.Default.MaxPerWeek, config.Booking.MaxPerWeek);

        string[] report = [.. Problems("""{ "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"] } }, "booking": { "slotMinutes": 2, "maxPerDay": "3", "length": 30 } }""").Select(p => $"{p.Field}: {p.Message}")];
        Assert.Contains("booking.slotMinutes: expected a whole number from 5 to 480", report);
        Assert.Contains("booking.maxPerDay: expected a whole number from 1 to 100", report);
        Assert.Contains(report, r => r.StartsWith("booking.length", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_PracticeProblems_AreNamed()
    {
        IReadOnlyList<ConfigProblem> problems = Problems("""
            {
              "availability": { "timeZone": "Europe/London" },
              "professional": { "name": "Sam", "addresses": ["not-an-address"], "status": "asleep" },
              "policy": { "afterHoursEmergencies": "maybe", "autoReplyWindowDays": 0 },
              "clients": [
                { "id": "Acme Ltd", "name": "Acme", "timeZone": "Mars/Base", "contacts": [{ "name": "Jo" }],
                  "channels": [{ "channel": "sms", "role": "urgent" }, { "channel": "email", "role": "sometimes", "promise": "soon" }],
                  "signals": { "fyi": { "patterns": ["(unclosed"] } } }
              ]
            }
            """);
        string[] report = [.. problems.Select(p => $"{p.Field}: {p.Message}")];
        Assert.True(report.Length >= 11, string.Join("\n", report));
        Assert.Contains("professional.addresses[0]: 'not-an-address' is not an email address", report);
        Assert.Contains("professional.status: 'asleep' is not a status (available, focus, off, vacation)", report);
        Assert.Contains("policy.afterHoursEmergencies: 'maybe' is not a choice (on-call, hold)", report);
        Assert.Contains("policy.autoReplyWindowDays: expected a whole number of days from 1 to 365", report);
        Assert.Contains("clients[0].id: 'Acme Ltd' is not an id: use lowercase letters, digits and dashes", report);
        Assert.Contains("clients[0].timeZone: unknown time zone 'Mars/Base' (use an IANA id such as America/New_York)", report);
        Assert.Contains(report, r => r.StartsWith("clients[0].contacts[0]: give at least one of", StringComparison.Ordinal));
        Assert.Contains(report, r => r.StartsWith("clients[0].channels[0]: an urgent channel needs a \"promise\"", StringComparison.Ordinal));
        Assert.Contains("clients[0].channels[1].role: 'sometimes' is not a role (urgent, general, fyi, not-used)", report);
        Assert.Contains("clients[0].channels[1].promise: 'soon' is not a response time in business time (examples: 30m, 4h, 1h30m)", report);
        Assert.Contains(report, r => r.StartsWith("clients[0].signals.fyi.patterns[0]: not a valid regular expression", StringComparison.Ordinal));
    }

    [Fact]
    public void Schedules_AreRead_AndEachMistakeIsNamed()
    {
        string client(string schedules) => $$"""
            {
              "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"] } },
              "clients": [{ "id": "acme", "name": "Acme", "contacts": [{ "emails": ["a@acme.example"] }], {{schedules}} }]
            }
            """;
        Client acme = Parse(client("""
            "checkInSchedule": { "every": "2w", "on": "thu", "at": "10:00", "from": "2026-01-08" },
            "feedbackSchedule": { "every": "4w", "on": "fri", "at": "14:30", "question": "How are we doing?" }
            """)).Clients.Single();

        Assert.Equal(new CheckInSchedule(new Cadence(2, IsoDayOfWeek.Thursday, new LocalTime(10, 0), new LocalDate(2026, 1, 8)), CheckInSend.Reminder, null), acme.CheckIns);
        Assert.Equal(new FeedbackSchedule(new Cadence(4, IsoDayOfWeek.Friday, new LocalTime(14, 30), new LocalDate(2026, 1, 5)), "How are we doing?"), acme.FeedbackRounds);

        IReadOnlyList<ConfigProblem> problems = Problems(client("""
            "checkInSchedule": { "every": "fortnightly", "on": "thu", "at": "10:00" },
            "feedbackSchedule": { "every": "2w", "on": "someday", "at": "25:00" }
            """));
        Assert.Contains(problems, p => p.Field == "clients[0].checkInSchedule.every" && p.Message.StartsWith("'fortnightly' is not a rhythm", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Field == "clients[0].feedbackSchedule.on" && p.Message.Contains("not a weekday", StringComparison.Ordinal));
        Assert.Contains(Problems(client("""
            "checkInSchedule": { "every": "1w", "on": "mon", "at": "10:00", "send": "message" }
            """)), p => p.Field == "clients[0].checkInSchedule.message");
    }

    [Fact]
    public void HoursPerMonth_IsRead_AndANonsenseOneIsNamed()
    {
        string client(string hours) => $$"""
            {
              "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"] } },
              "clients": [{ "id": "acme", "name": "Acme", "contacts": [{ "emails": ["a@acme.example"] }], "hoursPerMonth": {{hours}} }]
            }
            """;

        Assert.Equal(Duration.FromMinutes(630), Parse(client("10.5")).Clients.Single().MonthlyHours);
        foreach (string wrong in new[] { "0", "-2", "800", "\"ten\"" })
        {
            Assert.Contains(Problems(client(wrong)), p => p.Field == "clients[0].hoursPerMonth" && p.Message.StartsWith("expected the working hours included per month", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void OnCallRotation_IsRead_AndEachMistakeIsNamed()
    {
        string config(string onCall) => $$"""
            {
              "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"] } },
              "onCall": {{onCall}}
            }
            """;

        OnCallDuty duty = Parse(config("""
            { "people": [ { "name": "Alex", "email": "alex@x.example", "phone": "+44 7700 900456" }, { "name": "Robin", "email": "robin@x.example" } ],
              "handover": { "every": "2w", "on": "mon", "at": "09:00", "from": "2026-11-02" }, "acknowledgeWithin": "20m", "pageRounds": 3 }
            """)).Professionals[0].OnCall!;
        Assert.Equal(["Alex", "Robin"], duty.Rotation.Select(p => p.Name));
        Assert.Equal(("Alex", "alex@x.example", "+44 7700 900456"), (duty.Name, duty.Email, duty.Phone));
        Assert.Equal(new Cadence(2, IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalDate(2026, 11, 2)), duty.Handover);
        Assert.Equal((Duration.FromMinutes(20), 3, 6), (duty.AcknowledgeWithin, duty.PageRounds, duty.MaxPages));

        OnCallDuty alone = Parse(config("""{ "name": "Alex", "email": "alex@x.example" }""")).Professionals[0].OnCall!;
        Assert.Equal((Duration.FromMinutes(15), 2, 2), (alone.AcknowledgeWithin, alone.PageRounds, alone.MaxPages));

        Assert.Contains(Problems(config("""{ "name": "Alex", "people": [ { "name": "Robin", "email": "r@x.example" } ] }""")), p => p.Field == "onCall" && p.Message.Contains("not both", StringComparison.Ordinal));
        Assert.Contains(Problems(config("""{ "people": [ { "name": "A", "email": "a@x.example" }, { "name": "B", "email": "b@x.example" } ] }""")), p => p.Field == "onCall.handover");
        Assert.Contains(Problems(config("""{ "people": [ { "name": "A" } ] }""")), p => p.Field == "onCall.people[0]" && p.Message.Contains("how they are paged", StringComparison.Ordinal));
        Assert.Contains(Problems(config("""{ "name": "A", "email": "a@x.example", "pageRounds": 9 }""")), p => p.Field == "onCall.pageRounds");
        Assert.Contains(Problems(config("""{ "name": "A", "email": "a@x.example", "acknowledgeWithin": "soon" }""")), p => p.Field == "onCall.acknowledgeWithin");
    }
}
