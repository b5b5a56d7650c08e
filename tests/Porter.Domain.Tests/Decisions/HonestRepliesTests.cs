using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Domain.Signals;
using Porter.Domain.Tests.Scheduling;
using static Porter.Domain.Tests.Decisions.Practices;

namespace Porter.Domain.Tests.Decisions;

/// <summary>
/// Replies and states that say only what will happen: a held emergency keeps its urgency, the urgent channel is
/// offered only when someone would answer it, an away professional's mail really waits for their return (named, with
/// who covers meanwhile), and the time offered falls in the client's own hours.
/// </summary>
public class HonestRepliesTests
{
    private static Decision Decide(IncomingMessage message, Practice? practice = null) =>
        DecisionCore.Decide(practice ?? Create(), message, message.ReceivedAt);

    [Fact]
    public void AnEmergencyHeldByPolicy_IsUrgent_AndTheReplyOffersNoUrgentChannel()
    {
        Decision decision = Decide(On("sms", "checkout is broken", AfterHours), Create(emergenciesToOnCall: false));

        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.Equal(Priority.Urgent, decision.Priority);
        Assert.Null(decision.AutoReply!.UrgentChannel);
    }

    [Fact]
    public void OnCallWithHoursOfTheirOwn_IsOfferedOnlyWhileOnDuty()
    {
        Practice nightsOff = new(
            new Professional("Sam Rivera", [Sam], [], ProfessionalStatus.Available),
            Schedules.Build("Europe/London", "mon,tue,wed,thu,fri 09:00-17:00"),
            new OnCallDuty("Alex", Schedules.Build("Europe/London", "mon,tue,wed,thu,fri 17:00-22:00"), "alex@rivera.example", null, null),
            OrganisationPolicy.Default,
            [Acme],
            [],
            TextRules.Default);

        // 19:00 London: Alex is on duty; 23:10: nobody is.
        Assert.Equal("sms", Decide(Email("Logo", "Could you send the files?", Instant.FromUtc(2026, 11, 24, 19, 0)), nightsOff).AutoReply!.UrgentChannel);
        Assert.Null(Decide(Email("Logo", "Could you send the files?", AfterHours), nightsOff).AutoReply!.UrgentChannel);
    }

    [Fact]
    public void Off_InWorkingHours_HoldsUntilTheNextDay_AndNamesWhoCovers()
    {
        Decision decision = Decide(Email("Logo", "Could you send the files?", InHours), Create(ProfessionalStatus.Off));

        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 9, 0), decision.HoldUntil); // Wednesday 09:00, not the stretch open now
        Assert.Equal("Alex (alex@rivera.example)", decision.AutoReply!.Backup);
        Assert.True(decision.AutoReply.OfferedTime >= decision.HoldUntil);
    }

    [Fact]
    public void OnVacationUntilADate_HoldsUntilTheFirstWorkingStretchThatDay()
    {
        Practice practice = Create(ProfessionalStatus.Vacation);
        practice = new Practice(
            practice.Professional with { AwayUntil = new LocalDate(2026, 11, 30) },
            practice.Calendar.Availability,
            null,
            practice.Policy,
            practice.Clients,
            practice.DefaultChannels,
            practice.Rules);

        Decision decision = Decide(Email("Logo", "Could you send the files?", InHours), practice);

        Assert.Equal(Instant.FromUtc(2026, 11, 30, 9, 0), decision.HoldUntil); // Monday 30 November, 09:00 London
        Assert.Null(decision.AutoReply!.Backup); // nobody covers: the reply names no one
        Assert.Null(decision.AutoReply.UrgentChannel);
        Assert.Equal(new LocalDate(2026, 11, 30), decision.AutoReply.OfferedTimeInClientZone!.Value.Date);
    }

    [Fact]
    public void TheTimeOffered_IsInTheClientsOwnHours_WhenTheyAreKnown()
    {
        // Acme works 10:00-18:00 New York (15:00-23:00 London); Sam 09:00-17:00 London: both work 15:00-17:00 London.
        Client acme = Acme with { Hours = Schedules.Build("America/New_York", "mon,tue,wed,thu,fri 10:00-18:00") };
        Practice practice = new(
            new Professional("Sam Rivera", [Sam], [], ProfessionalStatus.Available),
            Schedules.Build("Europe/London", "mon,tue,wed,thu,fri 09:00-17:00"),
            null,
            OrganisationPolicy.Default,
            [acme],
            [],
            TextRules.Default);

        AutoReplyPlan reply = Decide(Email("Logo", "Could you send the files?", AfterHours), practice).AutoReply!;

        Assert.Equal(Instant.FromUtc(2026, 11, 25, 15, 0), reply.OfferedTime);
        Assert.Equal(new LocalDateTime(2026, 11, 25, 10, 0), reply.OfferedTimeInClientZone!.Value.LocalDateTime);
    }

    [Fact]
    public void WhenTheHoursNeverMeet_TheProfessionalsOpeningIsOffered()
    {
        Client night = Acme with { Hours = Schedules.Build("America/New_York", "sat 01:00-02:00") };
        Practice practice = new(
            new Professional("Sam Rivera", [Sam], [], ProfessionalStatus.Available),
            Schedules.Build("Europe/London", "mon,tue,wed,thu,fri 09:00-17:00"),
            null,
            OrganisationPolicy.Default,
            [night],
            [],
            TextRules.Default);

        Assert.Equal(Instant.FromUtc(2026, 11, 25, 9, 0), Decide(Email("Logo", "Could you send the files?", AfterHours), practice).AutoReply!.OfferedTime);
    }
}
