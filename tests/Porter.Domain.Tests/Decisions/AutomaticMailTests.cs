using Porter.Domain.Decisions;
using static Porter.Domain.Tests.Decisions.Practices;

namespace Porter.Domain.Tests.Decisions;

/// <summary>Rule 1 (RFC 3834, RFC 5230): one test per way mail is recognised as automatic.</summary>
public class AutomaticMailTests
{
    private static Decision Decide(Porter.Domain.Messages.IncomingMessage message) => DecisionCore.Decide(Create(), message, message.ReceivedAt);

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied")]
    [InlineData("Auto-Submitted", "auto-generated")]
    [InlineData("Auto-Submitted", "Auto-Notified; owner-email=\"x@y\"")]
    [InlineData("Precedence", "bulk")]
    [InlineData("Precedence", "List")]
    [InlineData("Precedence", "junk")]
    [InlineData("List-Id", "<designers.lists.example>")]
    [InlineData("List-Unsubscribe", "<mailto:leave@lists.example>")]
    public void Header_MakesItAutomatic(string name, string value)
    {
        Decision decision = Decide(Email("Re: logo", "Thanks!", AfterHours, headers: (name, value)));
        Assert.Equal(DecisionKind.NeverAnswer, decision.Kind);
        Assert.Null(decision.AutoReply);
        Assert.Null(decision.Deadline);
        Assert.Empty(decision.Signals);
        Assert.Equal("automatic-mail", decision.Reasons[0].Rule);
    }

    [Theory]
    [InlineData("no")]
    [InlineData("No ; comment")]
    public void AutoSubmittedNo_IsNotAutomatic(string value) =>
        Assert.Equal(DecisionKind.Hold, Decide(Email("Logo", "Could you send the files?", AfterHours, headers: ("Auto-Submitted", value))).Kind);

    [Fact]
    public void NullReturnPath_IsABounce()
    {
        var message = Email("Undelivered", "Could you resend?", AfterHours) with { ReturnPath = "<>" };
        Assert.Equal(DecisionKind.NeverAnswer, Decide(message).Kind);
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.acme.example")]
    [InlineData("noreply@acme.example")]
    [InlineData("no-reply@acme.example")]
    [InlineData("owner-designers@lists.example")]
    [InlineData("designers-request@lists.example")]
    public void RobotSender_IsAutomatic(string from) =>
        Assert.Equal(DecisionKind.NeverAnswer, Decide(Email("Notice", "Please confirm", AfterHours, from: from)).Kind);

    [Fact]
    public void RobotReturnPath_IsAutomaticEvenWithAHumanFrom()
    {
        var message = Email("Notice", "Please confirm", AfterHours) with { ReturnPath = "<bounces-request@lists.example>" };
        Assert.Equal(DecisionKind.NeverAnswer, Decide(message).Kind);
    }

    [Fact]
    public void OwnAddress_IsNeverAnswered()
    {
        Decision decision = Decide(Email("Note to self", "Call Jo", AfterHours, from: "HELLO@rivera.example"));
        Assert.Equal(DecisionKind.NeverAnswer, decision.Kind);
        Assert.Equal("own-mail", decision.Reasons[0].Rule);
    }

    [Fact]
    public void NotAddressedToTheProfessional_IsNeverAnswered() =>
        Assert.Equal(DecisionKind.NeverAnswer, Decide(Email("Team news", "Can you all update?", AfterHours, to: "team@acme.example")).Kind);

    [Fact]
    public void MonitoringAlertSayingSiteDown_IsStillAutomatic()
    {
        Decision decision = Decide(Email("ALERT: site down", "Your website is down!", AfterHours, from: "alerts@monitor.example", headers: ("Auto-Submitted", "auto-generated")));
        Assert.Equal(DecisionKind.NeverAnswer, decision.Kind);
        Assert.Null(decision.AutoReply);
    }
}
