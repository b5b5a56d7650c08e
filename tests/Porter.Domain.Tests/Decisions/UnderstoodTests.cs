using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using static Porter.Domain.Tests.Decisions.Practices;

namespace Porter.Domain.Tests.Decisions;

/// <summary>What a model read in the text fills what the phrase rules missed, with its reason; it never overrides what they found.</summary>
public class UnderstoodTests
{
    private static readonly Understood Emergency = new(UnderstoodAs.UrgentMatter, "#2 \"Payments are failing on every order\" (0.71)");

    [Fact]
    public void AnEmergencyInOrdinaryWords_OnTheUrgentChannelAfterHours_IsEscalated_WithTheExamplesAsItsReason()
    {
        IncomingMessage text = On("sms", "nobody can buy anything on the shop rn, cart just spins forever", AfterHours);

        Decision byRules = DecisionCore.Decide(Create(), text, AfterHours);
        Decision withModel = DecisionCore.Decide(Create(), text, AfterHours, understood: [Emergency]);

        Assert.Equal(DecisionKind.Hold, byRules.Kind);
        Assert.Equal(DecisionKind.Escalate, withModel.Kind);
        Assert.Contains(withModel.Reasons, r => r.Rule == "model" && r.Fact.Contains("Payments are failing", StringComparison.Ordinal));
    }

    [Fact]
    public void WhatTheRulesFound_StandsAsTheyFoundIt()
    {
        Decision decision = DecisionCore.Decide(Create(), On("sms", "checkout is broken", AfterHours), AfterHours, understood: [Emergency]);

        Assert.Equal(DecisionKind.Escalate, decision.Kind);
        Assert.DoesNotContain(decision.Reasons, r => r.Rule == "model");
    }

    [Fact]
    public void OutOfScopeRead_IsASignal_AndNewsHasNoDeadline()
    {
        Decision scope = DecisionCore.Decide(Create(), Email("Bag", "while you're at it, film a little clip of it", InHours), InHours,
            understood: [new Understood(UnderstoodAs.OutOfScope, "#31 \"Could you take some product photos\" (0.52)")]);
        Decision news = DecisionCore.Decide(Create(), Email("Bags", "the bags arrived and they look amazing", InHours), InHours,
            understood: [new Understood(UnderstoodAs.Fyi, "#40 \"The printer sent the proofs\" (0.61)")]);

        Assert.Contains(SignalKind.OutOfScope, scope.Signals);
        Assert.Contains(SignalKind.Fyi, news.Signals);
        Assert.Null(news.Deadline);
    }

    [Fact]
    public void ACorrection_SettlesWhatTheRulesFound_EitherWay()
    {
        // "checkout is broken" is an emergency to the phrase rules; the professional marked a message like it as not one.
        IncomingMessage broken = On("sms", "checkout is broken", AfterHours);
        Decision corrected = DecisionCore.Decide(Create(), broken, AfterHours,
            understood: [new Understood(UnderstoodAs.UrgentMatter, "#c4 \"checkout is broken on staging, ignore\" (0.91)", Reading.CorrectedNot)]);

        Assert.Equal(DecisionKind.Escalate, DecisionCore.Decide(Create(), broken, AfterHours).Kind);
        Assert.Equal(DecisionKind.Hold, corrected.Kind);
        Assert.DoesNotContain(corrected.Reasons, r => r.Rule == "urgent-matter");
        Assert.Contains(corrected.Reasons, r => r.Rule == "correction" && r.Fact.Contains("not UrgentMatter", StringComparison.Ordinal) && r.Fact.Contains("#c4", StringComparison.Ordinal));

        // And a message like one marked an emergency is one, though no phrase rule matches it.
        IncomingMessage printer = On("sms", "the badge printer jammed again", AfterHours);
        Decision marked = DecisionCore.Decide(Create(), printer, AfterHours,
            understood: [new Understood(UnderstoodAs.UrgentMatter, "#c5 \"badge printer jammed\" (0.93)", Reading.CorrectedAs)]);
        Assert.Equal(DecisionKind.Hold, DecisionCore.Decide(Create(), printer, AfterHours).Kind);
        Assert.Equal(DecisionKind.Escalate, marked.Kind);
        Assert.Contains(marked.Reasons, r => r.Rule == "correction" && r.Fact.Contains("like a message you marked so", StringComparison.Ordinal));
    }

    [Fact]
    public void ACorrectionThatSaysNotX_WhereNothingFoundX_SaysNothing()
    {
        Decision decision = DecisionCore.Decide(Create(), Email("Logo", "Could you send the logo as SVG?", InHours), InHours,
            understood: [new Understood(UnderstoodAs.PlanChange, "#c1 \"send the logo\" (0.88)", Reading.CorrectedNot)]);

        Assert.DoesNotContain(decision.Reasons, r => r.Rule == "correction");
    }
}
