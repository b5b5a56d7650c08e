using MimeKit;
using NodaTime;
using Porter.Domain.Messages;

namespace Porter.Mail.Tests;

public class MimeConversionTests
{
    private static MimeMessage Parse(string text) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void ToIncoming_TakesSenderRecipientsDateHeadersAndReturnPath()
    {
        using MimeMessage message = Parse("Return-Path: <bounce@acme.example>\nFrom: Jo <Jo@Acme.example>\nTo: Sam <sam@rivera.example>\nCc: team@acme.example\nSubject: =?utf-8?q?Caf=C3=A9?=\nDate: Tue, 24 Nov 2026 18:10:00 -0500\nMessage-ID: <abc@acme.example>\nAuto-Submitted: no\n\nCan you call me?\n");
        IncomingMessage incoming = MimeConversion.ToIncoming(message);
        Assert.Equal("email", incoming.Channel);
        Assert.Equal("Jo@Acme.example", incoming.From);
        Assert.Equal(["sam@rivera.example", "team@acme.example"], incoming.Recipients.ToArray());
        Assert.Equal(Instant.FromUtc(2026, 11, 24, 23, 10), incoming.ReceivedAt);
        Assert.Equal("Café", incoming.Subject);
        Assert.Equal("<bounce@acme.example>", incoming.ReturnPath);
        Assert.Equal("<abc@acme.example>", incoming.MessageId);
        Assert.Equal("no", incoming.Header("auto-submitted"));
        Assert.StartsWith("Can you call me?", incoming.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void BodyText_HtmlOnly_LosesItsMarkup()
    {
        using MimeMessage message = Parse("From: jo@acme.example\nContent-Type: text/html\n\n<p>Could you <b>send</b> the files?</p>");
        Assert.Equal("Could you send the files?", MimeConversion.BodyText(message).Trim());
    }

    [Fact]
    public void ArrivalTime_WithoutDate_IsNull()
    {
        using MimeMessage message = Parse("From: jo@acme.example\n\nhello");
        Assert.Null(MimeConversion.ArrivalTime(message));
        Assert.Equal(Instant.FromUtc(2026, 1, 1, 0, 0), MimeConversion.ToIncoming(message, Instant.FromUtc(2026, 1, 1, 0, 0)).ReceivedAt);
    }
}
