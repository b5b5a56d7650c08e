using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using static Porter.Domain.Tests.Decisions.Practices;

namespace Porter.Domain.Tests.Decisions;

public class DecisionCoreTests
{
    private static Decision Decide(Porter.Domain.Messages.IncomingMessage message, Practice? practice = null, Instant? lastAutoReply = null) =>
        DecisionCore.Decide(practice ?? Create(), message, message.ReceivedAt, lastAutoReply);

    [Fact]
    public void Deliver_InHours_DeadlineIsTheChannelsPromise()
    {
        Decision decision = Decide(Email("Logo", "Could you send the final files?", InHours));
        Assert.Equal(DecisionKind.Deliver, decision.Kind);
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 11, 0), decision.Deadline); // 8 business hours from Tue 11:00
        Assert.Null(decision.AutoReply);
        Assert.Equal("acme", decision.ClientId);
        Assert.Equal(Priority.Normal, decision.Priority);
        Assert.Contains(decision.Reasons, r => r.Rule == "deliver");
    }

    [Fact]
    public void Hold_AfterHours_OffersTheNextTimeBothAreWorking_InTheClientsZone()
    {
        Decision decision = Decide(Email("Logo", "Could you send the final files?", AfterHours));
        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 9, 0), decision.HoldUntil);
        Assert.Equal(Instant.FromUtc(2026, 11, 26, 9, 0), decision.Deadline); // Wed 09:00 + 8h lands on the closing: Thu 09:00
        AutoReplyPlan reply = Assert.IsType<AutoReplyPlan>(decision.AutoReply);
        Assert.Equal(Jo, reply.To);
        // Sam opens at 09:00 London, 04:00 in New York: Acme's hours are not known, so nothing before 08:00 their time
        // is offered; 08:00 New York (13:00 London) is the first time both are working.
        Assert.Equal(new LocalDateTime(2026, 11, 25, 8, 0), reply.OfferedTimeInClientZone!.Value.LocalDateTime);
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 13, 0), reply.OfferedTime);
        Assert.Contains(decision.Reasons, r => r.Rule == "client-hours");
        Assert.Equal("sms", reply.UrgentChannel);
        Assert.Null(reply.ReminderChannel);
        Assert.Equal("<m1@acme.example>", reply.InReplyTo);
        Assert.Equal([SignalKind.AfterHours], decision.Signals.ToArray());
    }

    [Fact]
    public void Hold_RepliesToTheReturnPath()
    {
        var message = Email("Logo", "Can you call me?", AfterHours) with { ReturnPath = "<bounce+jo@mail.acme.example>" };
        Assert.Equal("bounce+jo@mail.acme.example", Decide(message).AutoReply!.To);
    }

    [Fact]
    public void Escalate_UrgentMatterOnUrgentChannelAfterHours()
    {
        Decision decision = Decide(On("sms", "Our website is down and customers can't pay", AfterHours));
        Assert.Equal(DecisionKind.Escalate, decision.Kind);
        Assert.Equal(Priority.Urgent, decision.Priority);
        Assert.Null(decision.AutoReply);
        Assert.Equal(AfterHours + Duration.FromHours(1), decision.Deadline);
        Assert.Contains(decision.Reasons, r => r.Rule == "escalate" && r.Fact.StartsWith("to Alex", StringComparison.Ordinal));
    }

    [Fact]
    public void Escalate_PolicyForbids_IsHeld()
    {
        Decision decision = Decide(On("sms", "We've been hacked!", AfterHours), Create(emergenciesToOnCall: false));
        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.Contains(decision.Reasons, r => r.Rule == "policy");
        Assert.NotNull(decision.AutoReply);
    }

    [Fact]
    public void Escalate_NobodyOnCall_IsHeld()
    {
        Decision decision = Decide(On("sms", "checkout is broken", AfterHours), Create(onCall: false));
        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.Contains(decision.Reasons, r => r.Rule == "on-call" && r.Fact == "nobody is on call; held with priority urgent");

        // A recognised emergency that is held is still urgent, and the reply does not point to a channel nobody answers.
        Assert.Equal(Priority.Urgent, decision.Priority);
        Assert.Null(decision.AutoReply!.UrgentChannel);
        Assert.Contains(decision.Reasons, r => r.Rule == "urgent-channel");
    }

    [Fact]
    public void UrgentMatterInHours_IsDeliveredWithHighPriority()
    {
        Decision decision = Decide(On("sms", "checkout is broken", InHours));
        Assert.Equal(DecisionKind.Deliver, decision.Kind);
        Assert.Equal(Priority.High, decision.Priority);
        Assert.Equal(InHours + Duration.FromHours(1), decision.Deadline);
    }

    [Fact]
    public void AngryUrgentSubject_IsNotAnUrgentMatter()
    {
        Decision decision = Decide(Email("URGENT!!! logo colours", "Why is this taking so long? Please change the blue.", AfterHours));
        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.Equal(Priority.High, decision.Priority); // the client's own marking raises priority
    }

    [Fact]
    public void Remind_NotUsedChannel_PointsToGeneralAndDelivers()
    {
        Decision decision = Decide(On("whatsapp", "Can you send the invoice?", InHours));
        Assert.Equal(DecisionKind.Deliver, decision.Kind);
        Assert.Contains(SignalKind.WrongChannel, decision.Signals);
        Assert.Equal("email", decision.AutoReply!.ReminderChannel);
        Assert.Null(decision.AutoReply.OfferedTime);
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 11, 0), decision.Deadline); // the promise of email, 8h: Tue 11:00 -> Wed 11:00
    }

    [Fact]
    public void Remind_NonUrgentOnUrgentChannelAfterHours_OneMessageCarriesReminderAndOffer()
    {
        Decision decision = Decide(On("sms", "Hi! Can we move our Monday call?", AfterHours));
        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.True(decision.Reminded);
        Assert.Equal("email", decision.AutoReply!.ReminderChannel);
        Assert.NotNull(decision.AutoReply.OfferedTime);
    }

    [Fact]
    public void Remind_UrgentMatterOnNotUsedChannel_PointsToUrgentChannelAndIsNotEscalated()
    {
        Decision decision = Decide(On("whatsapp", "the site is down!!", AfterHours));
        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.Equal("sms", decision.AutoReply!.ReminderChannel);
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 10, 0), decision.Deadline); // the promise of sms, 1 business hour
    }

    [Fact]
    public void AutoReplyLimit_OnePerSenderPerWeek()
    {
        Instant threeDaysAgo = AfterHours - Duration.FromDays(3);
        Decision limited = Decide(Email("Logo", "Can you call me?", AfterHours), lastAutoReply: threeDaysAgo);
        Assert.Equal(DecisionKind.Hold, limited.Kind);
        Assert.Null(limited.AutoReply);
        Assert.Contains(limited.Reasons, r => r.Rule == "auto-reply-limit");

        Decision allowed = Decide(Email("Logo", "Can you call me?", AfterHours), lastAutoReply: AfterHours - Duration.FromDays(8));
        Assert.NotNull(allowed.AutoReply);
    }

    [Theory]
    [InlineData("jo@acme.example", null, "jo@acme.example")]
    [InlineData("Jo@ACME.example", null, "jo@acme.example")]
    [InlineData("Jo Li <JO@acme.example>", null, "jo@acme.example")]
    [InlineData("jo@acme.example", "<Team@Acme.example>", "team@acme.example")]
    [InlineData("kim@acme.example", " <team@acme.example> ", "team@acme.example")]
    [InlineData("jo@acme.example", "<>", "jo@acme.example")]
    public void TheReplyWindow_CountsTheRecipient_CaseIgnored(string from, string? returnPath, string key)
    {
        Decision decision = Decide(Email("Logo", "Can you call me?", AfterHours, from: from) with { ReturnPath = returnPath });
        if (returnPath == "<>")
        {
            // A null Return-Path is a bounce: never answered (RFC 3834), so no window to count.
            Assert.Null(decision.AutoReply);
            Assert.Equal(key, AutoReplyPlan.KeyOf(from));
            return;
        }

        Assert.Equal(key, decision.AutoReply!.WindowKey);
    }

    [Fact]
    public void Fyi_HasNoDeadlineAndIsHeldSilently()
    {
        Decision decision = Decide(Email("Great news", "Thought you'd like to know we were featured in the Guardian today.", AfterHours));
        Assert.Equal(DecisionKind.Hold, decision.Kind);
        Assert.Null(decision.Deadline);
        Assert.Null(decision.AutoReply);
        Assert.Equal(Priority.Low, decision.Priority);
        Assert.Contains(SignalKind.Fyi, decision.Signals);
    }

    [Fact]
    public void JustFyiButAsking_IsNotFyi()
    {
        Decision decision = Decide(Email("FYI", "Just FYI, the client changed the logo. Can you update the mockups?", InHours));
        Assert.DoesNotContain(SignalKind.Fyi, decision.Signals);
        Assert.NotNull(decision.Deadline);
    }

    [Fact]
    public void Status_VacationIsOutsideHours_FocusIsInside()
    {
        Assert.Equal(DecisionKind.Hold, Decide(Email("Logo", "Could you send it?", InHours), Create(ProfessionalStatus.Vacation)).Kind);
        Assert.Equal(DecisionKind.Hold, Decide(Email("Logo", "Could you send it?", InHours), Create(ProfessionalStatus.Off)).Kind);
        Assert.Equal(DecisionKind.Deliver, Decide(Email("Logo", "Could you send it?", InHours), Create(ProfessionalStatus.Focus)).Kind);
    }

    [Fact]
    public void UnknownSender_UsesTheDefaultAgreement()
    {
        Decision decision = Decide(Email("Enquiry", "Could you quote for a logo?", InHours, from: "new@prospect.example"));
        Assert.Null(decision.ClientId);
        Assert.Equal(Instant.FromUtc(2026, 11, 26, 11, 0), decision.Deadline); // 16 business hours
    }

    [Theory]
    [InlineData("What's your home address? I'd like to send a gift.", SignalKind.PersonalInfoRequest)]
    [InlineData("I sent you a friend request on Facebook :)", SignalKind.PersonalSocialContact)]
    [InlineData("Could you also write the copy for the About page? We need copywriting too.", SignalKind.OutOfScope)]
    [InlineData("Change of plan: we've decided to push the launch to March.", SignalKind.PlanChange)]
    public void Signals_TravelWithTheDecision(string body, SignalKind signal)
    {
        Decision decision = Decide(Email("Hello", body, InHours));
        Assert.Contains(signal, decision.Signals);
        Assert.Equal(DecisionKind.Deliver, decision.Kind);
    }

    [Fact]
    public void OutOfScope_NeedsARequest_AndIgnoresServicesInScope()
    {
        Assert.DoesNotContain(SignalKind.OutOfScope, Decide(Email("Site", "We love the website design so far.", InHours)).Signals);
        Assert.DoesNotContain(SignalKind.OutOfScope, Decide(Email("Site", "Can you tweak the website design?", InHours)).Signals);
        Assert.Contains(SignalKind.OutOfScope, Decide(Email("Ads", "Can you run our Google Ads campaign?", InHours)).Signals);
    }

    [Fact]
    public void ClientFoundByPhoneDigits()
    {
        Decision decision = Decide(On("sms", "Running late, can we start at 10:30?", InHours, from: "+12125550100"));
        Assert.Equal("acme", decision.ClientId);
    }
}
