using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Signals;
using Porter.Domain.Tests.Decisions;
using Porter.Domain.Tests.Scheduling;

namespace Porter.Domain.Tests.Agreements;

/// <summary>People taking turns on call: whose turn it is, who is paged next, when the turn passes, and whom a decision names.</summary>
public class OnCallRotationTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static readonly OnCallDuty Three = new("Alex", null, "alex@x.example", null, null)
    {
        People = [new("Alex", "alex@x.example", null), new("Robin", "robin@x.example", "+44 7700 900001"), new("Kai", null, "+44 7700 900002")],
        Handover = new Cadence(1, IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalDate(2026, 11, 2)),
    };

    [Theory]
    [InlineData(2026, 11, 2, 9, 0, "Alex")]
    [InlineData(2026, 11, 2, 8, 59, "Kai")] // before the first turn: the turn before it, round the rotation
    [InlineData(2026, 11, 9, 9, 0, "Robin")]
    [InlineData(2026, 11, 15, 23, 0, "Robin")]
    [InlineData(2026, 11, 16, 9, 0, "Kai")]
    [InlineData(2026, 11, 24, 23, 10, "Alex")]
    public void TheTurn_PassesAtEachHandover(int year, int month, int day, int hour, int minute, string expected) =>
        Assert.Equal(expected, Three.At(Instant.FromUtc(year, month, day, hour, minute), London).Name);

    [Fact]
    public void Handover_KeepsItsLocalTime_AcrossTheClockChange()
    {
        var weekly = new Cadence(1, IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalDate(2026, 3, 23));
        // 30 March 2026, British Summer Time: 09:00 London is 08:00 UTC; 07:59 UTC is still the turn before.
        Assert.Equal(1, weekly.Turn(Instant.FromUtc(2026, 3, 30, 8, 0), London));
        Assert.Equal(0, weekly.Turn(Instant.FromUtc(2026, 3, 30, 7, 59), London));
        Assert.Equal(Instant.FromUtc(2026, 3, 30, 8, 0), weekly.Occurrence(1, London));
        var fortnightly = weekly with { EveryWeeks = 2 };
        Assert.Equal(0, fortnightly.Turn(Instant.FromUtc(2026, 4, 5, 12, 0), London));
        Assert.Equal(1, fortnightly.Turn(Instant.FromUtc(2026, 4, 6, 8, 0), London));
    }

    [Fact]
    public void Pages_GoRoundTheRotation_FromWhoeverWasOnDuty()
    {
        Assert.Equal(["Robin", "Kai", "Alex", "Robin", "Kai", "Alex"], Enumerable.Range(0, Three.MaxPages).Select(n => Three.Paged(1, n).Name));
        Assert.Equal(6, Three.MaxPages);

        var alone = new OnCallDuty("Alex", null, "alex@x.example", null, null);
        Assert.Equal(["Alex", "Alex"], Enumerable.Range(0, alone.MaxPages).Select(n => alone.Paged(alone.TurnAt(Instant.FromUtc(2026, 11, 24, 23, 0), London), n).Name));
        Assert.Null(alone.NextHandover(Instant.FromUtc(2026, 11, 24, 23, 0), London));
    }

    [Fact]
    public void NextHandover_SaysWhenAndWhoTakesOver()
    {
        (Instant at, OnCallPerson from, OnCallPerson to) = Three.NextHandover(Instant.FromUtc(2026, 11, 24, 23, 10), London)!.Value;
        Assert.Equal((Instant.FromUtc(2026, 11, 30, 9, 0), "Alex", "Robin"), (at, from.Name, to.Name));
    }

    [Fact]
    public void AnEscalation_NamesWhoeverIsOnDuty()
    {
        Practice practice = new(
            new Professional("Sam Rivera", [Practices.Sam], [], ProfessionalStatus.Available),
            Schedules.Build("Europe/London", "mon,tue,wed,thu,fri 09:00-17:00"),
            Three,
            OrganisationPolicy.Default,
            [Practices.Acme],
            [],
            TextRules.Default);

        Decision decision = DecisionCore.Decide(practice, Practices.On("sms", "Our website is down!", Instant.FromUtc(2026, 11, 17, 23, 10)), Instant.FromUtc(2026, 11, 17, 23, 10), null);

        Assert.Equal(DecisionKind.Escalate, decision.Kind);
        Assert.Contains(decision.Reasons, r => r.Rule == "escalate" && r.Fact.StartsWith("to Kai, on call", StringComparison.Ordinal));
    }
}
