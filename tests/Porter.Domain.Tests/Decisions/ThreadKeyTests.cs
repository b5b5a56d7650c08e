using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Messages;

namespace Porter.Domain.Tests.Decisions;

/// <summary>Which conversation a message belongs to.</summary>
public class ThreadKeyTests
{
    private static IncomingMessage Email(string subject, string? messageId, params (string Name, string Value)[] headers) =>
        new("email", "Jo@Acme.example", ["sam@rivera.example"], Instant.FromUtc(2026, 11, 24, 11, 0), subject, "body", [.. headers.Select(h => new MessageHeader(h.Name, h.Value))], null, messageId);

    [Fact]
    public void AnEmailThread_IsItsRoot_FromReferencesThenInReplyToThenItsOwnId()
    {
        Assert.Equal("<root@acme.example>", Email("Re: x", "<c@acme.example>", ("In-Reply-To", "<b@acme.example>"), ("References", "<Root@acme.example> <b@acme.example>")).ThreadKey);
        Assert.Equal("<b@acme.example>", Email("Re: x", "<c@acme.example>", ("In-Reply-To", "<b@acme.example>")).ThreadKey);
        Assert.Equal("<a@acme.example>", Email("x", "<a@acme.example>").ThreadKey);
        // No Message-ID and nothing to follow: the sender and the subject without its prefixes.
        Assert.Equal("subject:jo@acme.example:the brief", Email("RE: Fwd: The brief", null).ThreadKey);
        Assert.Equal("subject:jo@acme.example:the brief", Email("The brief", null, ("References", "no brackets here")).ThreadKey);
    }

    [Fact]
    public void OtherChannels_AreOneConversationPerSender()
    {
        var sms = new IncomingMessage("SMS", "+1 212 555 0142", [], Instant.FromUtc(2026, 11, 24, 11, 0), "", "hi", ImmutableArray<MessageHeader>.Empty);
        Assert.Equal("sms:+1 212 555 0142", sms.ThreadKey);
    }

    [Theory]
    [InlineData("Re: Re: AW: Budget", "Budget")]
    [InlineData("Budget: Q4", "Budget: Q4")]
    [InlineData("Fw:Budget", "Budget")]
    [InlineData("  re :  Budget", "Budget")]
    public void BareSubject_DropsReplyAndForwardPrefixes(string subject, string expected) =>
        Assert.Equal(expected, IncomingMessage.BareSubject(subject));
}
