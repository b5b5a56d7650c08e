using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;
using Porter.Mail;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Testing;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// On-call rotation end to end with the SMTP capture server: Alex and Robin take turns, handing over on Mondays at
/// 09:00; an emergency pages whoever is on duty, re-pages the next person when nobody acknowledges in time, stops
/// when someone acknowledges through the page's link or when the pages have gone round; the handover note goes to the
/// person taking over with what is still open.
/// </summary>
public abstract partial class OnCallTestsBase(IDatabases databases, SmtpCapture smtp)
{
    private const string Alex = "alex@riverastudio.example", Robin = "robin@riverastudio.example";

    [Fact]
    public async Task AnEmergency_PagesTheRotation_UntilSomeoneAcknowledges_AndTheHandoverSaysWhatIsOpen()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), smtp: new SmtpOptions("127.0.0.1", smtp.Port, "none"), config: Config());
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
        using HttpClient api = factory.Authorized();
        string tag = Guid.NewGuid().ToString("N")[..8];

        // The handover after now is on record: Monday 30 November 09:00, Alex to Robin.
        HandoverRecord handover = await WaitForAsync(async () => await Db(factory, db => db.Handovers.AsNoTracking().FirstOrDefaultAsync()));
        Assert.Equal((Instant.FromUtc(2026, 11, 30, 9, 0), "Alex Morgan", "Robin Lee"), (handover.At, handover.FromPerson, handover.ToPerson));

        // Tuesday 24 November 23:10: the week of the 23rd is Alex's turn. Jordan texts an emergency.
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 24, 23, 10));
        long first = await EmergencyAsync(api, $"Our website is down! first {tag}");
        MimeMessage page1 = await MailAsync(m => m.TextBody?.Contains($"first {tag}", StringComparison.Ordinal) == true, 1);
        Assert.Equal(Alex, page1.To.Mailboxes.Single().Address);
        Assert.Contains("otherwise the next person on call is paged in 10m", page1.TextBody, StringComparison.Ordinal);
        string alexLink = new Uri(LinkPattern().Match(page1.TextBody!).Value).PathAndQuery;
        await using (PorterDb db = factory.OpenDb())
        {
            ActionRecord escalation = await db.Actions.AsNoTracking().SingleAsync(a => a.MessageRecordId == first && a.Kind == ActionKind.Escalate);
            Assert.Contains("SMS to +44 7700 900456 not sent: no outgoing SMS adapter is configured", escalation.Result, StringComparison.Ordinal);
            ActionRecord repage = await db.Actions.AsNoTracking().SingleAsync(a => a.MessageRecordId == first && a.Kind == ActionKind.Page);
            Assert.Equal(Instant.FromUtc(2026, 11, 24, 23, 20), repage.DueAt);
        }

        // Opening the link only shows the page (mail scanners open links): nobody has acknowledged.
        using HttpClient phone = Signed.Browser(factory);
        string shown = WebUtility.HtmlDecode(await phone.GetStringAsync(alexLink));
        Assert.Contains($"Our website is down! first {tag}", shown, StringComparison.Ordinal);
        Assert.Contains("I have it", shown, StringComparison.Ordinal);

        // Ten minutes, no acknowledgement: Robin is paged.
        factory.Clock.AdvanceMinutes(10);
        MimeMessage page2 = await MailAsync(m => m.TextBody?.Contains($"first {tag}", StringComparison.Ordinal) == true, 2, m => m.To.Mailboxes.Any(a => a.Address == Robin));
        Assert.StartsWith("Page 2: nobody acknowledged the page before within 10m.", page2.TextBody, StringComparison.Ordinal);
        string robinLink = new Uri(LinkPattern().Match(page2.TextBody!).Value).PathAndQuery;
        Assert.NotEqual(alexLink, robinLink);

        // Robin acknowledges; ten minutes on, nobody else is paged.
        HttpResponseMessage acknowledged = await Signed.PostFormAsync(phone, robinLink, robinLink);
        Assert.Equal(HttpStatusCode.Redirect, acknowledged.StatusCode);
        Assert.Contains("Acknowledged by Robin Lee at Tue 24 Nov, 23:20", WebUtility.HtmlDecode(await phone.GetStringAsync(alexLink)), StringComparison.Ordinal);
        factory.Clock.AdvanceMinutes(10);
        ActionRecord third = await WaitForAsync(async () => await Db(factory, db => db.Actions.AsNoTracking().FirstOrDefaultAsync(a => a.MessageRecordId == first && a.Kind == ActionKind.Page && a.DoneAt != null && a.Result!.StartsWith("not needed"))));
        Assert.Equal("not needed: Robin Lee acknowledged at Tue 24 Nov, 23:20", third.Result);

        // A second emergency nobody acknowledges: Alex, Robin, then Porter stops (one round, as agreed).
        long second = await EmergencyAsync(api, $"Checkout is broken, urgent! second {tag}");
        await MailAsync(m => m.TextBody?.Contains($"second {tag}", StringComparison.Ordinal) == true, 1);
        factory.Clock.AdvanceMinutes(10);
        await MailAsync(m => m.TextBody?.Contains($"second {tag}", StringComparison.Ordinal) == true, 2);
        factory.Clock.AdvanceMinutes(10);
        ActionRecord stopped = await WaitForAsync(async () => await Db(factory, db => db.Actions.AsNoTracking().FirstOrDefaultAsync(a => a.MessageRecordId == second && a.Kind == ActionKind.Page && a.Result!.StartsWith("stopped"))));
        Assert.Equal("stopped: nobody acknowledged 2 pages; the message waits first in the queue, urgent", stopped.Result);
        // The capture server's files give no order within a second: the order is the pages' own.
        Assert.Equal([Alex, Robin], smtp.Received.Where(m => m.TextBody?.Contains($"second {tag}", StringComparison.Ordinal) == true).Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        await using (PorterDb db = factory.OpenDb())
        {
            Assert.Equal([(0, Alex), (1, Robin)], (await db.Pages.AsNoTracking().Where(p => p.MessageRecordId == second).OrderBy(p => p.Number).ToListAsync()).Select(p => (p.Number, p.Email!)));
        }

        Assert.Equal(2, smtp.Received.Count(m => m.TextBody?.Contains($"first {tag}", StringComparison.Ordinal) == true));

        // The message's page in the dashboard lists the pages.
        string message = WebUtility.HtmlDecode(await sam.GetStringAsync($"/dashboard/messages/{first}"));
        Assert.Contains("Paged Alex Morgan at Tue 24 Nov, 23:10", message, StringComparison.Ordinal);
        Assert.Contains("Paged Robin Lee at Tue 24 Nov, 23:20; acknowledged at Tue 24 Nov, 23:20", message, StringComparison.Ordinal);

        // Monday 30 November 09:00: Robin takes over; the note says what is still open, copied to Alex.
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 30, 9, 0));
        MimeMessage note = await MailAsync(m => m.Subject?.StartsWith("[Porter] On call for Sam Rivera from Mon 30 Nov, 09:00", StringComparison.Ordinal) == true, 1);
        Assert.Equal("[Porter] On call for Sam Rivera from Mon 30 Nov, 09:00: Robin Lee takes over from Alex Morgan", note.Subject);
        Assert.Equal((Robin, Alex), (note.To.Mailboxes.Single().Address, note.Cc.Mailboxes.Single().Address));
        Assert.Contains("until Mon 7 Dec, 09:00, when Alex Morgan takes over.", note.TextBody, StringComparison.Ordinal);
        Assert.Contains("Escalated and still open (2):", note.TextBody, StringComparison.Ordinal);
        Assert.Contains($"(message {first})", note.TextBody, StringComparison.Ordinal);
        // And the next handover is on record.
        await WaitForAsync(async () => await Db(factory, db => db.Handovers.AsNoTracking().FirstOrDefaultAsync(h => h.At == Instant.FromUtc(2026, 12, 7, 9, 0))));
        Assert.Equal(HttpStatusCode.NotFound, (await phone.GetAsync("/p/0123456789abcdef0123456789abcdef")).StatusCode);
    }

    private static string Config()
    {
        string path = PorterFactory.CopyOfDemoConfig();
        JsonNode root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        root["onCall"] = JsonNode.Parse($$"""
            {
              "people": [
                { "name": "Alex Morgan", "email": "{{Alex}}", "phone": "+44 7700 900456" },
                { "name": "Robin Lee", "email": "{{Robin}}" }
              ],
              "handover": { "every": "1w", "on": "mon", "at": "09:00", "from": "2026-11-09" },
              "acknowledgeWithin": "10m",
              "pageRounds": 1
            }
            """);
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private static async Task<long> EmergencyAsync(HttpClient api, string body)
    {
        HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", new { channel = "sms", from = "+1 212 555 0142", body });
        JsonElement answer = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("escalate", answer.GetProperty("decision").GetProperty("kind").GetString());
        return answer.GetProperty("id").GetInt64();
    }

    private static async Task<T?> Db<T>(PorterFactory factory, Func<PorterDb, Task<T?>> query)
    {
        await using PorterDb db = factory.OpenDb();
        return await query(db);
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "waited 20 s in vain");
            await Task.Delay(200);
        }
    }

    /// <summary>Waits for the <paramref name="count"/>th mail that matches and returns it (the last of them, or the one matching <paramref name="which"/>).</summary>
    private async Task<MimeMessage> MailAsync(Func<MimeMessage, bool> match, int count, Func<MimeMessage, bool>? which = null) =>
        await WaitForAsync(() =>
        {
            var found = smtp.Received.Where(match).ToList();
            return Task.FromResult(found.Count >= count ? (which is null ? found[^1] : found.Single(which)) : null);
        });

    [GeneratedRegex("https://localhost/p/[0-9a-f]{32}")]
    private static partial Regex LinkPattern();
}

public sealed class SqliteOnCallTests(SqliteDatabases databases, SmtpCapture smtp) : OnCallTestsBase(databases, smtp), IClassFixture<SqliteDatabases>, IClassFixture<SmtpCapture>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresOnCallTests(PostgresDatabases databases, SmtpCapture smtp) : OnCallTestsBase(databases, smtp), IClassFixture<SmtpCapture>;
