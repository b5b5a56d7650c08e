using System.Diagnostics;
using System.Net;
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
/// The agreed rhythms, end to end with the SMTP capture server: a weekly check-in reminds the professional at its time,
/// another sends the client the prepared message; a feedback round every two weeks asks the client, who answers
/// through the link, and the professional sees the answer.
/// </summary>
public abstract partial class CadenceTestsBase(IDatabases databases, SmtpCapture smtp)
{
    [Fact]
    public async Task CheckInsAndFeedback_ComeRoundOnTheirRhythm_AndTheAnswerIsKept()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), smtp: new SmtpOptions("127.0.0.1", smtp.Port, "none"), config: Config());
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
        int before = smtp.Received.Count;

        // Tuesday 24 November, 11:00 London: the next of each is on record with its action.
        List<CadenceRunRecord> runs = await WaitForRunsAsync(factory, 3);
        Assert.Contains(runs, r => (r.ClientId, r.Kind, r.Due) == ("northwind", "check_in", Instant.FromUtc(2026, 11, 24, 15, 0)));
        Assert.Contains(runs, r => (r.ClientId, r.Kind, r.Due) == ("northwind", "feedback", Instant.FromUtc(2026, 11, 25, 14, 0)));
        Assert.Contains(runs, r => (r.ClientId, r.Kind, r.Due) == ("fabrikam", "check_in", Instant.FromUtc(2026, 11, 24, 16, 0)));

        // 15:00: Sam is reminded; 16:00: Lena gets the prepared message.
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 24, 16, 0));
        IReadOnlyList<MimeMessage> mail = await WaitForAsync(before + 2);
        MimeMessage reminder = Assert.Single(mail.Skip(before), m => m.Subject == "Check-in with Northwind Coffee: Tuesday 24 November, 15:00");
        Assert.Equal("sam@riverastudio.example", reminder.To.Mailboxes.Single().Address);
        MimeMessage message = Assert.Single(mail.Skip(before), m => m.To.Mailboxes.Any(a => a.Address == "lena@fabrikam.example"));
        Assert.StartsWith("Hi Lena, a quick check-in", message.TextBody, StringComparison.Ordinal);

        // Wednesday 14:00: the feedback round asks both Northwind contacts; Priya answers through the link.
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 25, 14, 0));
        mail = await WaitForAsync(before + 3);
        MimeMessage ask = Assert.Single(mail.Skip(before), m => m.Subject!.StartsWith("Your feedback, please", StringComparison.Ordinal));
        Assert.Equal(["jordan@northwind.example", "priya@northwind.example"], ask.To.Mailboxes.Select(a => a.Address).Order());
        Assert.Contains("How are the concepts landing?", ask.TextBody, StringComparison.Ordinal);
        string path = new Uri(LinkPattern().Match(ask.TextBody!).Value).PathAndQuery;
        using HttpClient browser = Signed.Browser(factory);
        string token = Signed.Token(await browser.GetStringAsync(path));
        using var answer = new FormUrlEncodedContent([new("answer", "Love the second one; the green is too bright."), new("__RequestVerificationToken", token)]);
        HttpResponseMessage answered = await browser.PostAsync(path, answer);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Contains("your answer is kept", await browser.GetStringAsync(answered.Headers.Location!.ToString()), StringComparison.Ordinal);

        string theirs = WebUtility.HtmlDecode(await browser.GetStringAsync(path[..path.IndexOf("/feedback/", StringComparison.Ordinal)]));
        Assert.Contains("Your feedback", theirs, StringComparison.Ordinal);
        Assert.Contains("Love the second one; the green is too bright.", theirs, StringComparison.Ordinal);

        string log = WebUtility.HtmlDecode(await sam.GetStringAsync("/dashboard/clients/northwind/changes"));
        Assert.Contains("Love the second one; the green is too bright.", log, StringComparison.Ordinal);
        Assert.Contains("Check-ins every week on Tuesday at 15:00 (a reminder to you)", log, StringComparison.Ordinal);

        // The next check-in is on record for the week after, once.
        Assert.Single(await WaitForRunsAsync(factory, 5), r => (r.ClientId, r.Kind, r.Due) == ("northwind", "check_in", Instant.FromUtc(2026, 12, 1, 15, 0)));
    }

    private static string Config()
    {
        string path = PorterFactory.CopyOfDemoConfig();
        JsonNode root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        JsonArray clients = root["clients"]!.AsArray();
        JsonNode northwind = clients.Single(c => c!["id"]!.GetValue<string>() == "northwind")!;
        northwind["checkInSchedule"] = JsonNode.Parse("""{ "every": "1w", "on": "tue", "at": "15:00" }""");
        northwind["feedbackSchedule"] = JsonNode.Parse("""{ "every": "2w", "on": "wed", "at": "14:00", "question": "How are the concepts landing?" }""");
        JsonNode fabrikam = clients.Single(c => c!["id"]!.GetValue<string>() == "fabrikam")!;
        fabrikam["checkInSchedule"] = JsonNode.Parse("""{ "every": "1w", "on": "tue", "at": "16:00", "send": "message", "message": "Hi Lena, a quick check-in: anything on your mind this week?" }""");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private static async Task<List<CadenceRunRecord>> WaitForRunsAsync(PorterFactory factory, int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using PorterDb db = factory.OpenDb();
            List<CadenceRunRecord> runs = await db.CadenceRuns.AsNoTracking().ToListAsync();
            if (runs.Count >= count || clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                return runs;
            }

            await Task.Delay(200);
        }
    }

    private async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        while (smtp.Received.Count < count && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200);
        }

        return smtp.Received;
    }

    [GeneratedRegex("https://localhost/c/[^\\s]+/feedback/\\d+")]
    private static partial Regex LinkPattern();
}

public sealed class SqliteCadenceTests(SqliteDatabases databases, SmtpCapture smtp) : CadenceTestsBase(databases, smtp), IClassFixture<SqliteDatabases>, IClassFixture<SmtpCapture>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresCadenceTests(PostgresDatabases databases, SmtpCapture smtp) : CadenceTestsBase(databases, smtp), IClassFixture<SmtpCapture>;
