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

    [Fact]
    public void Attachments_AreDecoded_NamedSafely_AndABrokenOneIsLeftOut()
    {
        using MimeMessage message = Parse(
            "From: jo@acme.example\nTo: sam@rivera.example\nSubject: Files\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b\"\n\n" +
            "--b\nContent-Type: text/plain\n\nSee attached.\n" +
            "--b\nContent-Type: application/pdf; name=\"../../etc/brief.pdf\"\nContent-Disposition: attachment; filename=\"../../etc/brief.pdf\"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n" +
            "--b\nContent-Type: application/octet-stream\nContent-Disposition: attachment\nContent-Transfer-Encoding: base64\n\nAAEC\n" +
            "--b--\n");

        IncomingMessage incoming = MimeConversion.ToIncoming(message);

        Assert.Equal("See attached.", incoming.Body.Trim());
        Assert.Equal(["brief.pdf", "attachment-2"], incoming.Attachments.Select(a => a.FileName));
        Assert.Equal("%PDF-1.4\n"u8.ToArray(), incoming.Attachments[0].Content.ToArray());
        Assert.Equal("application/pdf", incoming.Attachments[0].ContentType);
        Assert.Equal([0, 1, 2], incoming.Attachments[1].Content.ToArray());
        Assert.Empty(MimeConversion.ToIncoming(message, withBody: false).Attachments);
    }
}
