using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;
using Porter.Mail;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Testing;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// Reviews on the agreed cadence, end to end with the SMTP capture server: time logged on answers, the fortnight's
/// response-times review mailed on the Monday after in working time with its charts, November's communication review on
/// 1 December, each once; the review pages with their figures, charts and suggestions.
/// </summary>
public abstract class ReviewTestsBase(IDatabases databases, SmtpCapture smtp)
{
    private const string ReviewSubject = "Your review: ";

    [Fact]
    public async Task Reviews_ComeRoundOnTheirCadence_WithFiguresChartsAndSuggestions()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(
            await databases.CreateAsync(), smtp: new SmtpOptions("127.0.0.1", smtp.Port, "none"), config: Config(), mailReviews: true);
        using HttpClient api = factory.Authorized();
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        // Jordan (Northwind, email promised in 8 working hours) writes three evenings running, then on Tuesday morning.
        long monday = await PostAsync(api, "2026-11-16T21:00:00Z", "rv-1");
        await PostAsync(api, "2026-11-17T22:00:00Z", "rv-2");
        await PostAsync(api, "2026-11-18T20:30:00Z", "rv-3");
        long tuesday = await PostAsync(api, "2026-11-24T11:00:00Z", "rv-4");

        // Tuesday 24 November 11:00: Sam answers Monday's (late) and Tuesday's (on time), logging the time spent.
        HttpResponseMessage refused = await Signed.PostFormAsync(sam, $"/dashboard/messages/{monday}", $"/dashboard/messages/{monday}?handler=Done", ("done", "true"), ("minutes", "-5"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Time spent is a number of minutes", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (PorterDb db = factory.OpenDb())
        {
            MessageRecord untouched = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == monday);
            Assert.Equal((0, null), (untouched.MinutesSpent, untouched.DoneAt));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await Signed.PostFormAsync(sam, $"/dashboard/messages/{monday}", $"/dashboard/messages/{monday}?handler=Done", ("done", "true"), ("minutes", "90"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Signed.PostFormAsync(sam, $"/dashboard/messages/{tuesday}", $"/dashboard/messages/{tuesday}?handler=Reply", ("body", "Here they are."), ("when", "now"), ("minutes", "45"))).StatusCode);
        Assert.Contains("Time logged: 1h 30m", await sam.GetStringAsync($"/dashboard/messages/{monday}"), StringComparison.Ordinal);

        // Nothing is mailed for periods that ended long before (the fortnight to 15 November ended eight days ago).
        Assert.Empty(Reviews(smtp.Received));

        // Monday 30 November 08:00: the fortnight 16 to 29 November has ended; its review goes at 09:00, Sam's first working moment.
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 30, 8, 0));
        ReviewRecord fortnight = (await WaitForReviewsAsync(factory, 1)).Single();
        Assert.Equal(("sam-rivera", "response-times", "2026-11-16"), (fortnight.ProfessionalId, fortnight.Kind, fortnight.PeriodStart));
        await using (PorterDb db = factory.OpenDb())
        {
            ActionRecord action = await db.Actions.AsNoTracking().SingleAsync(a => a.Kind == ActionKind.Review);
            Assert.Equal(Instant.FromUtc(2026, 11, 30, 9, 0), action.DueAt);
        }

        factory.Clock.Reset(Instant.FromUtc(2026, 11, 30, 9, 0));
        MimeMessage responseTimes = Assert.Single(await WaitForReviewMailAsync(1));
        Assert.Equal("Your review: Response times (every two weeks), 16 November to 29 November 2026", responseTimes.Subject);
        Assert.Equal("sam@riverastudio.example", responseTimes.To.Mailboxes.Single().Address);
        Assert.Contains("4 messages, 3 outside your hours (75 %); 1 of 4 answered within the promise.", responseTimes.TextBody, StringComparison.Ordinal);
        Assert.Contains("- Promise Northwind Coffee answers on email within 36h instead of 8h", responseTimes.TextBody, StringComparison.Ordinal);
        Assert.Contains("Because: 1 of 4 answered within the promise (25 %); four in five were answered within 36h", responseTimes.TextBody, StringComparison.Ordinal);
        string link = "https://localhost/dashboard/reviews/response-times/2026-11-16?professional=sam-rivera";
        Assert.Contains(link, responseTimes.TextBody, StringComparison.Ordinal);
        // The charts travel as PNG images the HTML part shows by content id.
        var images = responseTimes.BodyParts.OfType<MimePart>().Where(p => p.ContentType.IsMimeType("image", "png")).ToList();
        Assert.Equal(["after-hours@porter", "arrivals@porter", "load@porter", "promises@porter", "signals@porter"], images.Select(i => i.ContentId).Order(StringComparer.Ordinal));
        foreach (MimePart image in images)
        {
            using var bytes = new MemoryStream();
            await image.Content!.DecodeToAsync(bytes);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes.ToArray()[..4]);
            Assert.Contains($"cid:{image.ContentId}", responseTimes.HtmlBody, StringComparison.Ordinal);
        }

        // The page the mail links to: the figures, the suggestion, the charts drawn on the server.
        string page = WebUtility.HtmlDecode(await sam.GetStringAsync(new Uri(link).PathAndQuery));
        Assert.Contains("Promise Northwind Coffee answers on email within 36h instead of 8h", page, StringComparison.Ordinal);
        Assert.Contains("data:image/svg+xml;base64,", page, StringComparison.Ordinal);
        Assert.Contains("1 of 4", page, StringComparison.Ordinal);

        // Tuesday 1 December 09:00: November has ended: the communication review, once.
        factory.Clock.Reset(Instant.FromUtc(2026, 12, 1, 9, 0));
        IReadOnlyList<MimeMessage> reviews = await WaitForReviewMailAsync(2);
        MimeMessage communication = Assert.Single(reviews, m => m.Subject == "Your review: Communication style (monthly), November 2026");
        Assert.Contains("- Remind Northwind Coffee of your working hours, and that urgent matters go by sms.", communication.TextBody, StringComparison.Ordinal);
        Assert.Contains("Because: 3 of 4 messages (75 %) arrived outside your hours.", communication.TextBody, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, Reviews(smtp.Received).Count);
        Assert.Equal(2, (await WaitForReviewsAsync(factory, 2)).Count);

        // The quarter so far: Northwind's load (1h 30m + 45m logged) is beyond the 30 minutes a month included (1h 31m for the quarter).
        string quarter = WebUtility.HtmlDecode(await sam.GetStringAsync("/dashboard/reviews/availability/2026-10-01"));
        Assert.Contains("running: the figures so far", quarter, StringComparison.Ordinal);
        Assert.Contains("Raise the time included for Northwind Coffee from 30m to 1h a month, or agree with them what waits.", quarter, StringComparison.Ordinal);
        Assert.Contains("Their load was 2h 15m (2h 15m logged on messages, 0m in meetings) against 1h 31m included for the period.", quarter, StringComparison.Ordinal);

        // The list offers each kind's periods; a day that starts no period, or a period to come, is not a review.
        string list = await sam.GetStringAsync("/dashboard/reviews");
        Assert.Contains("/dashboard/reviews/communication/2026-11-01", list, StringComparison.Ordinal);
        Assert.Contains("/dashboard/reviews/response-times/2026-11-16", list, StringComparison.Ordinal);
        Assert.Contains("/dashboard/reviews/availability/2026-10-01", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync("/dashboard/reviews/communication/2026-11-02")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync("/dashboard/reviews/communication/2027-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync("/dashboard/reviews/yearly/2026-01-01")).StatusCode);
    }

    private static List<MimeMessage> Reviews(IEnumerable<MimeMessage> mail) =>
        [.. mail.Where(m => m.Subject?.StartsWith(ReviewSubject, StringComparison.Ordinal) == true)];

    private static string Config()
    {
        string path = PorterFactory.CopyOfDemoConfig();
        JsonNode root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        JsonNode northwind = root["clients"]!.AsArray().Single(c => c!["id"]!.GetValue<string>() == "northwind")!;
        northwind["hoursPerMonth"] = 0.5;
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private static async Task<long> PostAsync(HttpClient api, string receivedAt, string externalId)
    {
        HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = new[] { "sam@riverastudio.example" }, subject = $"Mockups {externalId}",
            body = "Could you send over the latest mockups when you can?", externalId, receivedAt,
        });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<List<ReviewRecord>> WaitForReviewsAsync(PorterFactory factory, int count)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using PorterDb db = factory.OpenDb();
            List<ReviewRecord> reviews = await db.Reviews.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
            if (reviews.Count >= count || clock.Elapsed > TimeSpan.FromSeconds(15))
            {
                return reviews;
            }

            await Task.Delay(200);
        }
    }

    private async Task<List<MimeMessage>> WaitForReviewMailAsync(int count)
    {
        var clock = Stopwatch.StartNew();
        while (Reviews(smtp.Received).Count < count && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200);
        }

        return Reviews(smtp.Received);
    }
}

public sealed class SqliteReviewTests(SqliteDatabases databases, SmtpCapture smtp) : ReviewTestsBase(databases, smtp), IClassFixture<SqliteDatabases>, IClassFixture<SmtpCapture>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresReviewTests(PostgresDatabases databases, SmtpCapture smtp) : ReviewTestsBase(databases, smtp), IClassFixture<SmtpCapture>;
