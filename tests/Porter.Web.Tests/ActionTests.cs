using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;
using Porter.Mail;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Testing;

namespace Porter.Web.Tests;

/// <summary>Actions done by the running service through Quartz.NET, with mail to a real SMTP server on loopback.</summary>
public sealed class ActionTests(SqliteDatabases databases, SmtpCapture smtp) : IClassFixture<SqliteDatabases>, IClassFixture<SmtpCapture>
{
    /// <summary>Tue 24 Nov 2026 23:10 in London: after hours.</summary>
    private static readonly Instant Late = Instant.FromUtc(2026, 11, 24, 23, 10);

    [Fact]
    public async Task AfterHoursEmail_GetsOneAutomaticReply_ByRfc3834_OfferingTheNextOpeningInTheClientsZone()
    {
        await using PorterFactory factory = await StartAsync();
        factory.Clock.Reset(Late);
        using HttpClient client = factory.Authorized();
        string tag = Guid.NewGuid().ToString("N")[..8];
        await client.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = $"Banner {tag}",
            body = "Could you tweak the banner?", messageId = $"<{tag}@northwind.example>", returnPath = $"bounces-{tag}@northwind.example",
        });

        MimeMessage reply = await ReplyTo(tag);
        Assert.Equal($"bounces-{tag}@northwind.example", reply.To.Mailboxes.Single().Address);
        Assert.Equal("auto-replied", reply.Headers["Auto-Submitted"]);
        Assert.Equal($"{tag}@northwind.example", reply.InReplyTo);
        Assert.Contains($"{tag}@northwind.example", reply.References);
        Assert.Equal("sam@riverastudio.example", reply.From.Mailboxes.Single().Address);

        // Sam is back Wed 25 Nov 09:00 in London, 04:00 in New York: too early for Northwind (08:00-18:00 there), so
        // the reply offers the first time both work, 13:30 London (after Sam's lunch), 8:30 in New York.
        Assert.Contains("8:30", reply.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("4:00", reply.TextBody, StringComparison.Ordinal);
        await using PorterDb db = factory.OpenDb();
        ActionRecord sent = await db.Actions.SingleAsync(a => a.Kind == Porter.Storage.Model.ActionKind.AutoReply);
        Assert.Equal($"sent to bounces-{tag}@northwind.example", sent.Result);

        // The metrics count it, and the message by its decision.
        string metrics = await client.GetStringAsync("/metrics");
        // (Other tests' hosts run in the same process; the counts here are at least this test's.)
        Assert.Matches("porter_replies_sent_total\\{[^}]*kind=\"auto_reply\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("porter_messages_total\\{[^}]*channel=\"email\",decision=\"hold\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("porter_deadlines_missed\\{[^}]*\\} [0-9]", metrics);
    }

    [Fact]
    public async Task SenderThatAutoRepliesToEverything_MeetsNoLoop()
    {
        await using PorterFactory factory = await StartAsync();
        factory.Clock.Reset(Late);
        using HttpClient client = factory.Authorized();
        string tag = Guid.NewGuid().ToString("N")[..8];
        await client.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = $"Loop {tag}",
            body = "Could you call me?", messageId = $"<{tag}@northwind.example>",
        });
        MimeMessage ours = await ReplyTo(tag);

        // Jordan's mail system answers our automatic reply with one of its own, and would answer ours again: it is never answered.
        for (int round = 0; round < 3; round++)
        {
            factory.Clock.AdvanceDays(8); // past the per-sender limit, so only RFC 3834 stands in the way
            HttpResponseMessage echo = await client.PostAsJsonAsync("/api/v1/messages", new
            {
                channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = $"Out of office: {ours.Subject}",
                body = "I am away until Monday.", messageId = $"<echo-{round}-{tag}@northwind.example>",
                headers = new Dictionary<string, string> { ["Auto-Submitted"] = "auto-replied", ["In-Reply-To"] = ours.MessageId ?? "" },
            });
            JsonElement decision = (await echo.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision");
            Assert.Equal("never_answer", decision.GetProperty("kind").GetString());
            Assert.False(decision.GetProperty("autoReply").GetBoolean());
        }

        await Task.Delay(1500);
        Assert.Single(smtp.Received, m => m.InReplyTo?.Contains(tag, StringComparison.Ordinal) == true || m.Subject?.Contains(tag, StringComparison.Ordinal) == true);
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(1, await db.Actions.CountAsync(a => a.Kind == Porter.Storage.Model.ActionKind.AutoReply));
    }

    [Fact]
    public async Task HeldMessage_IsReleasedWhenItsWindowOpens()
    {
        await using PorterFactory factory = await StartAsync();
        factory.Clock.Reset(Late);
        using HttpClient client = factory.Authorized();
        await client.PostAsJsonAsync("/api/v1/messages", new { channel = "chat", from = "jordan.lee", body = "Could you send the proofs?" });
        await Task.Delay(1500);
        await using (PorterDb db = factory.OpenDb())
        {
            Assert.Null((await db.Actions.SingleAsync(a => a.Kind == Porter.Storage.Model.ActionKind.Release)).DoneAt);
        }

        factory.Clock.Reset(Instant.FromUtc(2026, 11, 25, 9, 0));
        await WaitUntil(async () =>
        {
            await using PorterDb db = factory.OpenDb();
            return (await db.Actions.SingleAsync(a => a.Kind == Porter.Storage.Model.ActionKind.Release)).Result == "released into the queue";
        });
    }

    [Fact]
    public async Task OnVacationUntilADate_MailInWorkingHoursWaits_AndTheReplyNamesTheReturnAndWhoCovers()
    {
        await using PorterFactory factory = await StartAsync();
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 24, 11, 0)); // Tuesday 11:00 London: in Sam's hours
        await Dashboard.Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Dashboard.Signed.InAsync(factory, "sam@riverastudio.example");
        var set = await Dashboard.Signed.PostFormAsync(sam, "/dashboard", "/dashboard?handler=Status", ("status", "vacation"), ("professional", "sam-rivera"), ("until", "2026-11-30"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains("vacation, back on Mon 30 Nov", System.Net.WebUtility.HtmlDecode(await sam.GetStringAsync("/dashboard")), StringComparison.Ordinal);

        using HttpClient client = factory.Authorized();
        string tag = Guid.NewGuid().ToString("N")[..8];
        HttpResponseMessage posted = await client.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = $"Away {tag}", body = "Could you send the files?", messageId = $"<{tag}@northwind.example>",
        });
        JsonElement decision = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision");

        // Held, not released at once into hours nobody is working: until Monday 30 November, 09:00 London.
        Assert.Equal("hold", decision.GetProperty("kind").GetString());
        Assert.Equal("2026-11-30T09:00:00Z", decision.GetProperty("holdUntil").GetString());
        MimeMessage reply = await ReplyTo(tag);
        Assert.Contains("November 30, 2026", reply.TextBody, StringComparison.Ordinal); // Northwind's locale is en-US
        Assert.Contains("While I'm away, Alex Morgan (alex@riverastudio.example) can help", reply.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyWrittenAfterHours_GoesOutAtTheNextWorkingWindow_NotBefore()
    {
        await using PorterFactory factory = await StartAsync();
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 24, 16, 0));
        using HttpClient client = factory.Authorized();
        string tag = Guid.NewGuid().ToString("N")[..8];
        long id = await PostEmail(client, tag, "Could you look at the draft?");

        factory.Clock.Reset(Late);
        HttpResponseMessage queued = await client.PostAsJsonAsync($"/api/v1/messages/{id}/replies", new { body = $"Looks good {tag}" });
        JsonElement answer = await queued.Content.ReadFromJsonAsync<JsonElement>();
        // The next time both work: Sam from 09:00 London, Northwind from 08:00 New York (13:00 London, Sam's lunch).
        Assert.Equal("2026-11-25T13:30:00Z", answer.GetProperty("dueAt").GetString());
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 25, 9, 0));
        await Task.Delay(1500);
        Assert.DoesNotContain(smtp.Received, m => m.TextBody?.Contains(tag, StringComparison.Ordinal) == true);

        factory.Clock.Reset(Instant.FromUtc(2026, 11, 25, 13, 30));
        MimeMessage sent = await Sent(m => m.TextBody?.Contains($"Looks good {tag}", StringComparison.Ordinal) == true);
        Assert.Equal("jordan@northwind.example", sent.To.Mailboxes.Single().Address);
        Assert.Equal($"{tag}@northwind.example", sent.InReplyTo);
    }

    [Fact]
    public async Task QueuedReply_ClientWritesAgainFirst_IsHeldForReviewNotSent()
    {
        await using PorterFactory factory = await StartAsync();
        factory.Clock.Reset(Late);
        using HttpClient client = factory.Authorized();
        string tag = Guid.NewGuid().ToString("N")[..8];
        long id = await PostEmail(client, tag, "Could you look at the draft?");
        await client.PostAsJsonAsync($"/api/v1/messages/{id}/replies", new { body = $"Will do {tag}" });
        factory.Clock.AdvanceMinutes(20);
        await PostEmail(client, tag + "b", "Actually, ignore the draft: new one attached.");

        factory.Clock.Reset(Instant.FromUtc(2026, 11, 25, 13, 30));
        await WaitUntil(async () =>
        {
            await using PorterDb db = factory.OpenDb();
            return (await db.Actions.SingleAsync(a => a.Kind == Porter.Storage.Model.ActionKind.SendReply)).Result?.StartsWith("held for review", StringComparison.Ordinal) == true;
        });
        Assert.DoesNotContain(smtp.Received, m => m.TextBody?.Contains($"Will do {tag}", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ReplyWrittenInHours_GoesOutNow()
    {
        await using PorterFactory factory = await StartAsync();
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 24, 11, 0));
        using HttpClient client = factory.Authorized();
        string tag = Guid.NewGuid().ToString("N")[..8];
        long id = await PostEmail(client, tag, "Quick question?");
        JsonElement answer = await (await client.PostAsJsonAsync($"/api/v1/messages/{id}/replies", new { body = $"Sure {tag}" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("2026-11-24T11:00:00Z", answer.GetProperty("dueAt").GetString());
        await Sent(m => m.TextBody?.Contains($"Sure {tag}", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ScheduleChange_IsAnnouncedOnceToEachClientContact_InTheirZone()
    {
        StorageOptions storage = await databases.CreateAsync();
        string changed = Path.Combine(Path.GetDirectoryName(storage.SqlitePath)!, $"porter-{Guid.NewGuid():N}.json");
        string original = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Samples, "porter.json"));
        await File.WriteAllTextAsync(changed, original
            .Replace("\"wed\": [\"09:00-12:30\", \"13:30-17:30\"]", "\"wed\": [\"10:00-12:30\", \"13:30-16:00\"]", StringComparison.Ordinal)
            .Replace("\"holidays/", $"\"{RepositoryPaths.Samples}/holidays/", StringComparison.Ordinal));
        var mail = new SmtpOptions("127.0.0.1", smtp.Port, "none");

        // First start: the schedule is recorded, nothing announced. Second start, same hours: nothing.
        for (int run = 0; run < 2; run++)
        {
            await using PorterFactory same = await PorterFactory.StartAsync(storage, smtp: mail);
            same.Server.ToString();
        }

        await using (PorterFactory moved = await PorterFactory.StartAsync(storage, smtp: mail, config: changed))
        {
            moved.Server.ToString();
            await WaitUntil(async () =>
            {
                await using PorterDb db = moved.OpenDb();
                return await db.Actions.CountAsync(a => a.Kind == Porter.Storage.Model.ActionKind.Announce && a.DoneAt != null) == 3;
            });
        }

        // Restarting with the new hours announces nothing more.
        await using PorterFactory again = await PorterFactory.StartAsync(storage, smtp: mail, config: changed);
        again.Server.ToString();
        await using PorterDb check = again.OpenDb();
        Assert.Equal(3, await check.Actions.CountAsync(a => a.Kind == Porter.Storage.Model.ActionKind.Announce));
        MimeMessage toLena = await Sent(m => m.To.Mailboxes.Any(x => x.Address == "lena@fabrikam.example") && m.Subject?.Contains("working hours", StringComparison.Ordinal) == true);
        Assert.Contains("Europe/Berlin", toLena.TextBody, StringComparison.Ordinal);
        Assert.Contains("Wed 25 Nov: 11:00-13:30 14:30-17:00", toLena.TextBody, StringComparison.Ordinal);
        MimeMessage toJordan = await Sent(m => m.To.Mailboxes.Any(x => x.Address == "jordan@northwind.example") && m.Subject?.Contains("working hours", StringComparison.Ordinal) == true);
        Assert.Contains("Wed 25 Nov: 05:00-07:30 08:30-11:00", toJordan.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UrgentMatterOnTheUrgentChannelAfterHours_ReachesOnCall_ByEmailAndWebhook()
    {
        using var listener = new System.Net.HttpListener();
        int port = Loopback.FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Task<(string Body, string Method, string? Id, string? Timestamp, string? Signature)> hook = Task.Run(async () =>
        {
            System.Net.HttpListenerContext context = await listener.GetContextAsync();
            using var reader = new StreamReader(context.Request.InputStream);
            string body = await reader.ReadToEndAsync();
            context.Response.StatusCode = 204;
            context.Response.Close();
            return (body, context.Request.HttpMethod, context.Request.Headers["webhook-id"], context.Request.Headers["webhook-timestamp"], context.Request.Headers["webhook-signature"]);
        });
        StorageOptions storage = await databases.CreateAsync();
        string config = Path.Combine(Path.GetDirectoryName(storage.SqlitePath)!, $"porter-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Samples, "porter.json")))
            .Replace("\"phone\": \"+44 7700 900456\"", $"\"phone\": \"+44 7700 900456\", \"webhook\": \"http://127.0.0.1:{port}/hook\"", StringComparison.Ordinal)
            .Replace("\"holidays/", $"\"{RepositoryPaths.Samples}/holidays/", StringComparison.Ordinal));
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        await using PorterFactory factory = await PorterFactory.StartAsync(
            storage, webhooks: new Porter.Web.Api.WebhookSecrets(OutgoingSecret: secret), smtp: new SmtpOptions("127.0.0.1", smtp.Port, "none"), config: config);
        factory.Clock.Reset(Late);
        using HttpClient client = factory.Authorized();
        string tag = Guid.NewGuid().ToString("N")[..8];

        HttpResponseMessage posted = await client.PostAsJsonAsync("/api/v1/messages", new { channel = "sms", from = "+1 212 555 0142", body = $"Our website is down! {tag}" });
        Assert.Equal("escalate", (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetProperty("kind").GetString());

        MimeMessage alert = await Sent(m => m.TextBody?.Contains(tag, StringComparison.Ordinal) == true);
        Assert.Equal("alex@riverastudio.example", alert.To.Mailboxes.Single().Address);
        Assert.StartsWith("[Porter] Urgent from +1 212 555 0142", alert.Subject, StringComparison.Ordinal);
        (string body, string method, string? id, string? timestamp, string? signature) = await hook.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("POST", method);

        // Signed per Standard Webhooks, checked here independently of Porter's own signing code.
        string expected = "v1," + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromBase64String(secret["whsec_".Length..]), System.Text.Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        Assert.Equal(expected, signature);
        Assert.Equal(Late.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), timestamp);
        JsonElement sent = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("porter.escalation", "northwind", "Alex Morgan"), (sent.GetProperty("type").GetString(), sent.GetProperty("clientId").GetString(), sent.GetProperty("onCall").GetString()));
    }


    private static async Task<long> PostEmail(HttpClient client, string tag, string body)
    {
        HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = $"Draft {tag}", body, messageId = $"<{tag}@northwind.example>",
        });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task ABooking_IsConfirmedByEmail_WithAnInvitationThatCalendarsRead()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = Dashboard.Signed.Browser(factory);
        string token;
        await using (PorterDb db = factory.OpenDb())
        {
            token = (await db.ClientLinks.SingleAsync(l => l.ClientId == "fabrikam")).Token;
        }

        // Lena in Berlin: Wednesday 13:30 London is 14:30 in Berlin.
        Instant start = Instant.FromUtc(2026, 11, 25, 13, 30);
        string email = $"lena+{Guid.NewGuid():N}@fabrikam.example";
        HttpResponseMessage booked = await Dashboard.Signed.PostFormAsync(client, $"/c/{token}/book", $"/c/{token}/book",
            ("start", start.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)), ("name", "Lena Vogel"), ("email", email), ("note", "Cover review"));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, booked.StatusCode);

        MimeMessage mail = await Sent(m => m.To.Mailboxes.Any(x => x.Address == email));
        Assert.Contains("14:30 (Europe/Berlin)", mail.Subject, StringComparison.Ordinal);
        MimePart ics = Assert.Single(mail.Attachments.OfType<MimePart>(), a => a.ContentType.IsMimeType("text", "calendar"));
        Assert.Equal("REQUEST", ics.ContentType.Parameters["method"]);
        using var content = new MemoryStream();
        await ics.Content!.DecodeToAsync(content);
        Ical.Net.Calendar invitation = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(content.ToArray()))!;
        Assert.Equal("REQUEST", invitation.Method);
        Ical.Net.CalendarComponents.CalendarEvent e = Assert.Single(invitation.Events);
        Assert.Equal(start.ToDateTimeUtc(), e.DtStart!.AsUtc);
        Assert.Equal(start.Plus(Duration.FromMinutes(30)).ToDateTimeUtc(), e.DtEnd!.AsUtc);
        Assert.Contains(e.Attendees, a => a.Value!.ToString().Contains(email, StringComparison.Ordinal));
        await using PorterDb check = factory.OpenDb();
        BookingRecord booking = await check.Bookings.SingleAsync();
        Assert.Equal(booking.Uid, e.Uid);

        // A day before (Tuesday 13:30 London, 14:30 in Berlin), Lena is reminded, once.
        ActionRecord reminder = await check.Actions.AsNoTracking().SingleAsync(a => a.Kind == ActionKind.BookingReminder);
        Assert.Equal(start - Duration.FromHours(24), reminder.DueAt);
        Assert.DoesNotContain(smtp.Received, m => m.Subject?.StartsWith("Reminder:", StringComparison.Ordinal) == true && m.To.Mailboxes.Any(x => x.Address == email));
        factory.Clock.Reset(start - Duration.FromHours(24));
        MimeMessage reminded = await Sent(m => m.Subject?.StartsWith("Reminder:", StringComparison.Ordinal) == true && m.To.Mailboxes.Any(x => x.Address == email));
        Assert.Contains("14:30 (Europe/Berlin)", reminded.Subject, StringComparison.Ordinal);
        Assert.Contains("What it is about: Cover review", reminded.TextBody, StringComparison.Ordinal);
    }

    private async Task<MimeMessage> Sent(Func<MimeMessage, bool> match)
    {
        for (int i = 0; i < 200; i++)
        {
            if (smtp.Received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The mail did not reach the SMTP server.");
    }

    private Task<MimeMessage> ReplyTo(string tag) => Sent(m => m.InReplyTo?.Contains(tag, StringComparison.Ordinal) == true);

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        for (int i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("The condition did not come true within 20 s.");
    }

    private async Task<PorterFactory> StartAsync() =>
        await PorterFactory.StartAsync(await databases.CreateAsync(), smtp: new SmtpOptions("127.0.0.1", smtp.Port, "none"));
}
