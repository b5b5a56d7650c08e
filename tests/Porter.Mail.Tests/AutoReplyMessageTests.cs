using System.Collections.Immutable;
using MimeKit;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;

namespace Porter.Mail.Tests;

public class AutoReplyMessageTests
{
    private static readonly IncomingMessage Original = new(
        "email", "jo@acme.example", ["sam@rivera.example"], Instant.FromUtc(2026, 11, 24, 23, 10), "Logo", "Can you call me?",
        [new MessageHeader("References", "<a@acme.example> <b@acme.example>")], "<bounces+jo@mail.acme.example>", "<c@acme.example>");

    [Fact]
    public void Create_CarriesTheRfc3834HeadersAndGoesToTheReturnPath()
    {
        var plan = new AutoReplyPlan("bounces+jo@mail.acme.example", null, null, null, "email", "<c@acme.example>");
        using MimeMessage reply = AutoReplyMessage.Create(plan, Original, "sam@rivera.example", "Sam Rivera", "Re: Logo", "Hi Jo");

        Assert.Equal("bounces+jo@mail.acme.example", reply.To.Mailboxes.Single().Address);
        Assert.Equal("auto-replied", reply.Headers["Auto-Submitted"]);
        Assert.Equal("c@acme.example", reply.InReplyTo);
        Assert.Equal(["a@acme.example", "b@acme.example", "c@acme.example"], reply.References.ToArray());
        Assert.Equal("Hi Jo", reply.TextBody);
    }

    /// <summary>Porter's own replies, coming back (an auto-responder answering them), are never answered: no mail loop.</summary>
    [Fact]
    public void Create_ThePracticeNeverAnswersItsOwnAutomaticReply()
    {
        var plan = new AutoReplyPlan("jo@acme.example", null, null, null, "email", "<c@acme.example>");
        using MimeMessage reply = AutoReplyMessage.Create(plan, Original, "sam@rivera.example", "Sam Rivera", "Re: Logo", "Hi Jo");
        reply.To.Clear();
        reply.To.Add(MailboxAddress.Parse("sam@rivera.example"));
        reply.Date = new DateTimeOffset(2026, 11, 24, 23, 11, 0, TimeSpan.Zero);
        IncomingMessage bounced = MimeConversion.ToIncoming(reply) with { From = "jo@acme.example" };

        var practice = new Practice(
            new Professional("Sam", ["sam@rivera.example"], [], ProfessionalStatus.Available),
            BuildAvailability(),
            null, OrganisationPolicy.Default, [], [], Porter.Domain.Signals.TextRules.Default);
        Decision decision = DecisionCore.Decide(practice, bounced, bounced.ReceivedAt);
        Assert.Equal(DecisionKind.NeverAnswer, decision.Kind);
        Assert.Null(decision.AutoReply);
    }

    private static Porter.Domain.Scheduling.Availability BuildAvailability()
    {
        var builder = new Porter.Domain.Scheduling.AvailabilityBuilder(DateTimeZoneProviders.Tzdb);
        builder.SetTimeZone("Europe/London", "timeZone");
        builder.AddWeekly(IsoDayOfWeek.Monday, new LocalTime(9, 0), new LocalTime(17, 0), "weekly");
        return builder.TryBuild(out var availability) ? availability : throw new InvalidOperationException();
    }
}
