using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;

namespace Porter.Replies.Tests;

public class ReplyRendererTests
{
    private static readonly Professional Sam = new("Sam Rivera", ["sam@rivera.example"], [], ProfessionalStatus.Available);

    private static Client Client(string locale, string zone) => new(
        "acme", "Acme", DateTimeZoneProviders.Tzdb[zone], null, locale, null,
        [new ClientContact("Jordan Lee", ["jordan@acme.example"], [], [])], [], null, null, [], new Scope([], []));

    private static readonly IncomingMessage Message = new("email", "jordan@acme.example", ["sam@rivera.example"], Instant.FromUtc(2026, 11, 24, 23, 10), "Logo", "Can you send it?", ImmutableArray<MessageHeader>.Empty);

    private static AutoReplyPlan Offer(string zone, string? urgent = "sms", string? reminder = null)
    {
        Instant offered = Instant.FromUtc(2026, 11, 25, 9, 0);
        return new AutoReplyPlan("jordan@acme.example", offered, offered.InZone(DateTimeZoneProviders.Tzdb[zone]), urgent, reminder, "<m@acme.example>");
    }

    [Fact]
    public void Hold_OffersTheTimeInTheClientsZoneAndLocale()
    {
        RenderedReply reply = new ReplyRenderer(ReplyTemplates.Default).Render(Offer("America/New_York"), Message, Sam, Client("en-US", "America/New_York"));
        Assert.Equal("Re: Logo", reply.Subject);
        Assert.StartsWith("Hi Jordan,\n\n", reply.Body, StringComparison.Ordinal);
        Assert.Contains("I'll pick it up on Wednesday at 4:00 AM your time (Wednesday, November 25, 2026).", reply.Body, StringComparison.Ordinal);
        Assert.Contains("please send me a text and it will reach someone straight away", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("works best for us", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", reply.Body, StringComparison.Ordinal);
        Assert.EndsWith("Speak soon,\nSam Rivera\n", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Hold_BritishClient_Gets24HourTimes()
    {
        RenderedReply reply = new ReplyRenderer(ReplyTemplates.Default).Render(Offer("Europe/London"), Message, Sam, Client("en-GB", "Europe/London"));
        Assert.Contains("on Wednesday at 09:00 your time (Wednesday, 25 November 2026)", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Hold_WithoutAnUrgentChannel_SaysNothingAboutEmergencies()
    {
        RenderedReply reply = new ReplyRenderer(ReplyTemplates.Default).Render(Offer("Europe/London", urgent: null), Message, Sam, Client("en-GB", "Europe/London"));
        Assert.DoesNotContain("can't wait", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Reminder_InHours_NamesTheAgreedChannel()
    {
        var plan = new AutoReplyPlan("jordan@acme.example", null, null, "sms", "email", null);
        RenderedReply reply = new ReplyRenderer(ReplyTemplates.Default).Render(plan, Message with { Channel = "whatsapp", Subject = "" }, Sam, Client("en-GB", "Europe/London"));
        Assert.Equal("Thanks for your message", reply.Subject);
        Assert.Contains("for things like this, email works best for us, as we agreed", reply.Body, StringComparison.Ordinal);
        Assert.Contains("For real emergencies, please send me a text.", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientTemplates_InTheirLanguage_UseTheirLocalesDates()
    {
        var german = new ReplyTemplates("Hallo {{ first_name }}, ich melde mich am {{ offer_date }} um {{ offer_time }} Uhr.", "-", "de");
        RenderedReply reply = new ReplyRenderer(german).Render(Offer("Europe/Berlin"), Message, Sam, Client("de-DE", "Europe/Berlin"));
        Assert.Equal("Hallo Jordan, ich melde mich am Mittwoch, 25. November 2026 um 10:00 Uhr.\n", reply.Body);
    }

    [Fact]
    public void DefaultEnglishTemplates_ForAGermanClient_KeepEnglishDates()
    {
        RenderedReply reply = new ReplyRenderer(ReplyTemplates.Default).Render(Offer("Europe/Berlin"), Message, Sam, Client("de-DE", "Europe/Berlin"));
        Assert.Contains("on Wednesday at 10:00 your time (Wednesday, 25 November 2026)", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidTemplate_IsRefusedWithWhere()
    {
        Assert.NotNull(ReplyRenderer.Check("Hi {% if first_name %} there"));
        Assert.Null(ReplyRenderer.Check("Hi {{ first_name }}"));
        var e = Assert.Throws<FormatException>(() => new ReplyRenderer(new ReplyTemplates("{% for %}", "ok")));
        Assert.StartsWith("the hold template:", e.Message, StringComparison.Ordinal);
    }
}
