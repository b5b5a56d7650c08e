using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Porter.Storage;
using static Porter.Web.Tests.SignedWebhooks;

namespace Porter.Web.Tests;

/// <summary>
/// Bad input gets a clear answer and loses nothing, against the real service on both providers: signed Slack bodies
/// of the wrong shape (400 with the reason, not 500), chunked bodies over the limit (413 on real Kestrel, not 500),
/// deliveries without a provider id stored once when replayed (known by their body), and an overload answered 503
/// with Retry-After from a bounded queue, nothing accepted lost.
/// </summary>
public abstract class BadInputTests(IDatabases databases)
{
    /// <summary>Signed bodies Slack would never send, and the field each answer must name.</summary>
    private static readonly (string Body, string Field)[] MalformedSlack =
    [
        ("[1, 2]", "body"),
        ("\"just text\"", "body"),
        ("{\"type\": 5}", "type"),
        ("{\"type\": \"url_verification\"}", "challenge"),
        ("{\"type\": \"url_verification\", \"challenge\": 7}", "challenge"),
        ("{\"type\": \"event_callback\"}", "event"),
        ("{\"type\": \"event_callback\", \"event\": \"message\"}", "event"),
        ("{\"type\": \"event_callback\", \"event\": {\"type\": \"message\", \"user\": 42, \"text\": \"hi\"}}", "event"),
        ("{\"type\": \"event_callback\", \"event\": {\"type\": [\"message\"], \"user\": \"U1\"}}", "event"),
        ("{\"type\": \"event_callback\", \"event_id\": 9, \"event\": {\"type\": \"message\", \"user\": \"U1\", \"text\": \"hi\"}}", "event"),
        ("{\"type\": \"event_callback\", \"event\": {\"type\": \"message\", \"user\": \"U1\", \"text\": {\"b\": 1}}}", "event"),
    ];

    [Fact]
    public async Task SignedButMalformedSlackBodies_Answer400WithTheReason()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), Secrets);
        using HttpClient client = factory.CreateClient();
        long now = factory.Clock.GetCurrentInstant().ToUnixTimeSeconds();
        foreach ((string body, string field) in MalformedSlack)
        {
            HttpResponseMessage response = await PostSlack(client, now, body, SlackSignature(now, body));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode}");
            JsonElement problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out JsonElement reasons), $"{body}: {problem}");
            Assert.NotEmpty(reasons[0].GetString()!);
        }

        await using PorterDb db = factory.OpenDb();
        Assert.Equal(0, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task DeliveriesWithoutAProviderId_AreStoredOnce_WhenReplayed()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), Secrets);
        using HttpClient client = factory.CreateClient();
        long now = factory.Clock.GetCurrentInstant().ToUnixTimeSeconds();
        string slack = "{\"type\": \"event_callback\", \"event_time\": 1795000000, \"event\": {\"type\": \"message\", \"user\": \"U024BE7LH\", \"text\": \"Is the site down?\", \"channel\": \"C1\"}}";
        string other = slack.Replace("Is the site down?", "Is the site up?", StringComparison.Ordinal);
        var twilio = new Dictionary<string, string> { ["From"] = "+12125550142", ["To"] = "+442071234567", ["Body"] = "Call me when you can", ["NumMedia"] = "0" };

        for (int i = 0; i < 3; i++)
        {
            // A replay comes later, so it is signed afresh: only the body is the same.
            Assert.Equal(HttpStatusCode.OK, (await PostSlack(client, now + i, slack, SlackSignature(now + i, slack))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PostTwilio(client, twilio, TwilioSignature(twilio))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await PostSlack(client, now, other, SlackSignature(now, other))).StatusCode);
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(2, await db.Messages.CountAsync(m => m.Channel == "chat"));
        Assert.Equal(1, await db.Messages.CountAsync(m => m.Channel == "sms"));
        Assert.All(await db.Messages.ToListAsync(), m => Assert.StartsWith("sha256:", m.ExternalId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChunkedBodiesOverTheLimit_Answer413_OnEveryWayIn()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), Secrets, maxMessageBytes: 4096);
        Uri address = factory.ServeOverHttp();
        using var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", factory.Key);
        string big = new('x', 64 * 1024);
        (string Path, string Type, string Body)[] ways =
        [
            ("/api/v1/messages", "application/json", JsonSerializer.Serialize(new { channel = "sms", from = "+12125550142", body = big, externalId = "big-1" })),
            ("/api/v1/mail", "message/rfc822", $"From: jordan@northwind.example\r\nTo: sam@riverastudio.example\r\nSubject: big\r\n\r\n{big}"),
            ("/webhooks/standard", "application/json", JsonSerializer.Serialize(new { channel = "chat", from = "jordan", body = big })),
            ("/webhooks/slack", "application/json", "{\"type\": \"event_callback\", \"event\": {\"type\": \"message\", \"user\": \"U1\", \"text\": \"" + big + "\"}}"),
            ("/webhooks/twilio", "application/x-www-form-urlencoded", "From=%2B12125550142&Body=" + big),
        ];

        foreach ((string path, string type, string body) in ways)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(body))) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            request.Headers.TransferEncodingChunked = true;
            HttpResponseMessage response = await client.SendAsync(request);
            string answer = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.RequestEntityTooLarge, $"{path}: {(int)response.StatusCode} {answer}");
            Assert.True(answer.Contains("4,096 bytes", StringComparison.Ordinal), $"{path}: {answer}");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(0, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task AnOverload_Answers503WithRetryAfter_FromABoundedQueue_AndLosesNothingAccepted()
    {
        StorageOptions storage = await databases.CreateAsync();
        await using PorterFactory factory = await PorterFactory.StartAsync(storage, maxPendingMessages: 4);
        using HttpClient api = factory.Authorized();
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync("/api/v1/messages", Sms(-1))).StatusCode);

        // The database is held by another writer, so the store's queue fills: what does not fit is refused at once.
        var answers = new ConcurrentDictionary<int, HttpResponseMessage>();
        Task[] posts;
        await using (PorterDb holder = factory.OpenDb())
        {
            await using var hold = await holder.Database.BeginTransactionAsync();
            await holder.Database.ExecuteSqlRawAsync(storage.Provider == DatabaseProvider.Sqlite
                ? "INSERT INTO settings (key, value) VALUES ('held-by-test', 'x')"
                : "LOCK TABLE messages IN EXCLUSIVE MODE");
            posts = [.. Enumerable.Range(0, 40).Select(i => Task.Run(async () => answers[i] = await api.PostAsJsonAsync("/api/v1/messages", Sms(i))))];
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (answers.Values.Count(a => a.StatusCode == HttpStatusCode.ServiceUnavailable) < 30 && waited.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(20);
            }

            Assert.DoesNotContain(answers.Values, a => a.StatusCode != HttpStatusCode.ServiceUnavailable);
            await hold.RollbackAsync();
        }

        await Task.WhenAll(posts);
        HttpResponseMessage[] refused = [.. answers.Values.Where(a => a.StatusCode == HttpStatusCode.ServiceUnavailable)];
        HttpResponseMessage[] accepted = [.. answers.Values.Where(a => a.StatusCode == HttpStatusCode.Accepted)];
        Assert.InRange(refused.Length, 30, 39);
        Assert.Equal(40, refused.Length + accepted.Length);
        Assert.All(refused, r => Assert.Equal(TimeSpan.FromSeconds(1), r.Headers.RetryAfter?.Delta));
        Assert.Contains("Try again shortly", await refused[0].Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (PorterDb db = factory.OpenDb())
        {
            Assert.Equal(accepted.Length + 1, await db.Messages.CountAsync());
        }

        // Retried once the database has caught up, every refused message is taken.
        foreach (int i in answers.Where(a => a.Value.StatusCode == HttpStatusCode.ServiceUnavailable).Select(a => a.Key))
        {
            Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync("/api/v1/messages", Sms(i))).StatusCode);
        }

        await using PorterDb all = factory.OpenDb();
        Assert.Equal(41, await all.Messages.CountAsync());
    }

    private static object Sms(int i) => new { channel = "sms", from = "+1 212 555 0142", body = $"Question {i}?", externalId = $"load-{i}" };

    /// <summary>A body whose length the client cannot know in advance, so it is sent chunked.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

public sealed class SqliteBadInputTests(SqliteDatabases databases) : BadInputTests(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresBadInputTests(PostgresDatabases databases) : BadInputTests(databases);
