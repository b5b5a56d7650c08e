using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Testing;

namespace Porter.Configuration.Tests;

/// <summary>Several professionals in one porter.json: each with their own hours, clients and rules within the organisation's policy.</summary>
public class TeamConfigTests
{
    private static readonly string TeamFile = Path.Combine(RepositoryPaths.Samples, "team", "porter.json");

    private static PorterConfig Parse(string json) => ConfigReader.Parse(json, "porter.json", RepositoryPaths.Samples, DateTimeZoneProviders.Tzdb);

    private static string[] Problems(string json) => [.. Assert.Throws<ConfigException>(() => Parse(json)).Problems.Select(p => p.ToString())];

    [Fact]
    public void TeamSample_ReadsEachProfessionalWithTheirOwnHoursClientsAndRules()
    {
        PorterConfig config = ConfigReader.Load(TeamFile, DateTimeZoneProviders.Tzdb);

        Assert.Equal(["sam", "kim"], config.Professionals.Select(p => p.Professional.Id));
        Assert.Equal("America/Toronto", config.Find("kim")!.Availability.Zone.Id);
        Assert.Null(config.Find("kim")!.OnCall);
        Assert.Equal(new OrganisationPolicy(false, 14), config.Find("kim")!.Policy);
        Assert.Equal(config.Policy, config.Find("sam")!.Policy);
        Assert.Equal("sam", config.Clients.Single(c => c.Id == "northwind").ProfessionalId);
        Assert.Equal("kim", config.Clients.Single(c => c.Id == "contoso").ProfessionalId);

        Organisation organisation = config.ToOrganisation();
        Assert.Equal(["northwind"], organisation.Find("sam")!.Clients.Select(c => c.Id));
        Assert.Equal(["contoso"], organisation.Find("kim")!.Clients.Select(c => c.Id));
    }

    [Fact]
    public void SingleProfessionalFile_IsOneProfessionalWithEveryClient_AndAnIdFromTheirName()
    {
        PorterConfig config = ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "porter.json"), DateTimeZoneProviders.Tzdb);

        ProfessionalSettings only = Assert.Single(config.Professionals);
        Assert.Equal("sam-rivera", only.Professional.Id);
        Assert.All(config.Clients, c => Assert.Equal("sam-rivera", c.ProfessionalId));
        Assert.Equal(config.Clients.Length, config.ToOrganisation().First.Clients.Length);
    }

    [Theory]
    [InlineData("Sam Rivera", "sam-rivera")]
    [InlineData("  Zoë  O'Brien-Smith ", "zoe-obrien-smith")]
    [InlineData("", "me")]
    [InlineData("李", "me")]
    public void IdFrom_MakesAnIdOfLowercaseLettersDigitsAndDashes(string name, string id) => Assert.Equal(id, ConfigReader.IdFrom(name));

    [Fact]
    public void ProfessionalRules_MayBeStricter_NeverLooser_ThanTheOrganisations()
    {
        string[] problems = Problems("""
            {
              "policy": { "afterHoursEmergencies": "hold", "autoReplyWindowDays": 7 },
              "professionals": [
                { "id": "a", "name": "A", "addresses": ["a@x.example"], "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"] } },
                  "policy": { "afterHoursEmergencies": "on-call", "autoReplyWindowDays": 3 } }
              ]
            }
            """);

        Assert.Contains("porter.json:5: professionals[0].policy.afterHoursEmergencies: the organisation holds emergencies after hours; a professional's rule may be stricter, never looser", problems);
        Assert.Contains(problems, p => p.StartsWith("porter.json:5: professionals[0].policy.autoReplyWindowDays: the organisation allows one automatic reply per sender per 7 days", StringComparison.Ordinal));

        PorterConfig stricter = Parse("""
            {
              "policy": { "afterHoursEmergencies": "on-call", "autoReplyWindowDays": 7 },
              "professionals": [
                { "id": "a", "name": "A", "addresses": ["a@x.example"], "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"] } },
                  "policy": { "afterHoursEmergencies": "hold" } }
              ]
            }
            """);
        Assert.Equal(new OrganisationPolicy(false, 7), stricter.First.Policy);
    }

    [Fact]
    public void MistakesInTheTeam_AreEachNamedWithTheirLine()
    {
        string[] problems = Problems("""
            {
              "professional": { "name": "Solo" },
              "professionals": [
                { "id": "a", "name": "A", "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"] } } },
                { "id": "a", "name": "B", "availability": { "timeZone": "Mars/Base" } },
                { "id": "Not An Id", "name": "C" }
              ],
              "clients": [ { "id": "c1", "professional": "nobody", "name": "C1" } ]
            }
            """);

        Assert.Contains("porter.json:2: professional: give the professionals either under \"professionals\" or as \"professional\", \"availability\" and \"onCall\" at the top, not both", problems);
        Assert.Contains("porter.json:5: professionals[1].id: another professional already has the id 'a'", problems);
        Assert.Contains(problems, p => p.StartsWith("porter.json:5: professionals[1].availability.timeZone: unknown time zone 'Mars/Base'", StringComparison.Ordinal));
        Assert.Contains("porter.json:6: professionals[2].id: 'Not An Id' is not an id: use lowercase letters, digits and dashes", problems);
        Assert.Contains(problems, p => p.StartsWith("porter.json:6: professionals[2].availability: is required", StringComparison.Ordinal));
    }

    [Fact]
    public void AClientOfAnUnknownProfessional_IsAProblem()
    {
        string[] problems = Problems("""
            {
              "professionals": [
                { "id": "a", "name": "A", "addresses": ["a@x.example"], "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"] } } }
              ],
              "clients": [ { "id": "c1", "professional": "nobody", "name": "C1" } ]
            }
            """);

        Assert.Contains("porter.json:5: clients[0].professional: no professional has the id 'nobody' (the ids: a)", problems);
    }

    /// <summary>Each professional's mail is decided by their own practice: hours, clients, on-call and rules.</summary>
    [Fact]
    public void TeamSample_DecidesEachProfessionalsMailByTheirOwnPractice()
    {
        Organisation organisation = ConfigReader.Load(TeamFile, DateTimeZoneProviders.Tzdb).ToOrganisation();

        // Tuesday 1 December 2026, 15:00 UTC: 15:00 in London (Sam works), 10:00 in Toronto (Kim works).
        Instant bothIn = Instant.FromUtc(2026, 12, 1, 15, 0);
        // 18:30 UTC: 18:30 in London (Sam is off), 13:30 in Toronto (Kim works).
        Instant onlyKim = Instant.FromUtc(2026, 12, 1, 18, 30);

        IncomingMessage FromMaya(Instant at) => new("email", "maya@contoso.example", ["kim@riverastudio.example"], at, "Packaging", "Could you send the dielines?", []);
        IncomingMessage FromJordan(Instant at) => new("email", "jordan@northwind.example", ["sam@riverastudio.example"], at, "Logo", "Could you send the files?", []);

        Assert.Equal("kim", organisation.PracticeFor(FromMaya(onlyKim)).Professional.Id);
        Assert.Equal("sam", organisation.PracticeFor(FromJordan(onlyKim)).Professional.Id);
        Assert.Equal(DecisionKind.Deliver, Decide(organisation, FromMaya(onlyKim)).Kind);
        Assert.Equal(DecisionKind.Hold, Decide(organisation, FromJordan(onlyKim)).Kind);
        Assert.Equal(DecisionKind.Deliver, Decide(organisation, FromJordan(bothIn)).Kind);

        // Kim's client writing to Sam's address is still Kim's client, and addressed to the practice (not list mail).
        IncomingMessage toSam = FromMaya(onlyKim) with { Recipients = ["sam@riverastudio.example"] };
        Assert.Equal("kim", organisation.PracticeFor(toSam).Professional.Id);
        Assert.Equal(DecisionKind.Deliver, Decide(organisation, toSam).Kind);

        // A stranger is the professional's they wrote to; to nobody's address, the first professional's.
        Assert.Equal("kim", organisation.PracticeFor(new IncomingMessage("email", "new@lead.example", ["kim@riverastudio.example"], onlyKim, "Hi", "A question", [])).Professional.Id);
        Assert.Equal("sam", organisation.PracticeFor(new IncomingMessage("email", "new@lead.example", ["info@elsewhere.example"], onlyKim, "Hi", "A question", [])).Professional.Id);

        // A real emergency on the urgent channel outside hours: Sam's reaches on-call; Kim's own rule holds hers.
        // Tuesday 1 December, 04:00 UTC: 04:00 in London, 23:00 on Monday in Toronto.
        Instant night = Instant.FromUtc(2026, 12, 1, 4, 0);
        Decision samsUrgent = Decide(organisation, new IncomingMessage("sms", "+1 212 555 0142", ["+44 7700 900123"], night, "", "Urgent: the site is down and customers cannot pay", []));
        Decision kimsUrgent = Decide(organisation, new IncomingMessage("sms", "+1 604 555 0173", ["+1 416 555 0199"], night, "", "Urgent: the site is down and customers cannot pay", []));
        Assert.Equal(DecisionKind.Escalate, samsUrgent.Kind);
        Assert.Equal(DecisionKind.Hold, kimsUrgent.Kind);
        Assert.Equal("northwind", samsUrgent.ClientId);
        Assert.Equal("contoso", kimsUrgent.ClientId);

        // Mail between colleagues is the organisation's own: never answered automatically.
        Assert.Equal(DecisionKind.NeverAnswer, Decide(organisation, new IncomingMessage("email", "kim@riverastudio.example", ["sam@riverastudio.example"], night, "Lunch?", "Tomorrow?", [])).Kind);
    }

    private static Decision Decide(Organisation organisation, IncomingMessage message) =>
        DecisionCore.Decide(organisation.PracticeFor(message), message, message.ReceivedAt);
}
