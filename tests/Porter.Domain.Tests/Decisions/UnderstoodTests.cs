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
}
