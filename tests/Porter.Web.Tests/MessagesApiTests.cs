using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Storage;

namespace Porter.Web.Tests;

/// <summary>The message API, run against each provider (the subclasses below).</summary>
public abstract class MessagesApiTests(IDatabases databases)
{
    private static readonly object SmsFromNorthwind = new
    {
        channel = "sms", from = "+1 212 555 0142", to = "sam", body = "Can you send the invoice?", receivedAt = "2026-11-24T11:00:00Z", externalId = "SM0001",
    };

    [Fact]
    public async Task Post_NewMessage_IsDecidedAndStoredWithItsReasons()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.Authorized();
        HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = new[] { "sam@riverastudio.example" }, subject = "Logo files",
            body = "Could you send the logo files?", receivedAt = "2026-11-24T11:00:00Z", messageId = "<m1@northwind.example>",
        });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        JsonElement posted = await response.Content.ReadFromJsonAsync<JsonElement>();
        long id = posted.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/messages/{id}", response.Headers.Location?.ToString());
        JsonElement decision = posted.GetProperty("decision");
        Assert.Equal("deliver", decision.GetProperty("kind").GetString());
        Assert.Equal("northwind", decision.GetProperty("clientId").GetString());
        Assert.NotNull(decision.GetProperty("deadline").GetString());
        Assert.Contains(decision.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "deliver");

        JsonElement stored = await client.GetFromJsonAsync<JsonElement>($"/api/v1/messages/{id}");
        Assert.Equal(decision.GetProperty("reasons").GetRawText(), stored.GetProperty("decision").GetProperty("reasons").GetRawText());
    }

    [Fact]
    public async Task Post_Repeat_AnswersOkWithTheSameIdAndStoresNothing()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.Authorized();
        HttpResponseMessage first = await client.PostAsJsonAsync("/api/v1/messages", SmsFromNorthwind);
        HttpResponseMessage again = await client.PostAsJsonAsync("/api/v1/messages", SmsFromNorthwind);
        HttpResponseMessage otherChannel = await client.PostAsJsonAsync("/api/v1/messages", new { channel = "whatsapp", from = "+1 212 555 0142", body = "hi", externalId = "SM0001" });

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, otherChannel.StatusCode);
        long firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(firstId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(2, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task Post_SameMessageIdTwice_IsStoredOnce()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.Authorized();
        var mail = new { channel = "email", from = "jordan@northwind.example", subject = "Hello", body = "Hi Sam", messageId = "<same@northwind.example>" };
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/v1/messages", mail)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/messages", mail with { })).StatusCode);
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(1, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task Post_ManyAtOnceWithRepeats_StoresEachExactlyOnce()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.Authorized();

        // 300 posts of 100 distinct messages, all at once: the store gathers them into shared commits.
        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            client.PostAsJsonAsync("/api/v1/messages", new { channel = "sms", from = "+1 212 555 0142", body = $"Message {i % 100}", externalId = $"burst-{i % 100}" })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(100, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        var idsByExternal = new Dictionary<string, HashSet<long>>();
        foreach (HttpResponseMessage r in responses)
        {
            JsonElement body = await r.Content.ReadFromJsonAsync<JsonElement>();
            string external = body.GetProperty("externalId").GetString()!;
            (idsByExternal.TryGetValue(external, out var ids) ? ids : idsByExternal[external] = []).Add(body.GetProperty("id").GetInt64());
        }

        Assert.All(idsByExternal.Values, ids => Assert.Single(ids));
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(100, await db.Messages.CountAsync());
    }

    /// <summary>A message the database refuses fails alone: the messages stored with it in the same commit are not lost.</summary>
    [Fact]
    public async Task MessageTheDatabaseRefuses_FailsAlone_OthersInTheSameBatchAreStored()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.Authorized();
        string longId = "<" + new string('x', 1200) + "@northwind.example>";
        string raw = $"From: jordan@northwind.example\r\nTo: sam@riverastudio.example\r\nSubject: Long\r\nMessage-ID: {longId}\r\n\r\nCould you look?\r\n";

        // The refused one goes in the middle of each burst, so that it shares a commit with others.
        var outcomes = new List<HttpStatusCode>();
        for (int round = 0; round < 3; round++)
        {
            Task<HttpResponseMessage>[] burst = [.. Enumerable.Range(0, 41).Select(i => i == 20
                ? PostRaw(client, raw.Replace("Subject: Long", $"Subject: Long {round}", StringComparison.Ordinal).Replace("<x", $"<{round}x", StringComparison.Ordinal))
                : client.PostAsJsonAsync("/api/v1/messages", new { channel = "sms", from = "+1 212 555 0142", body = $"Message {i}", externalId = $"batch-{round}-{i}" }))];
            HttpResponseMessage[] responses = await Task.WhenAll(burst);
            Assert.All(responses.Where((_, i) => i != 20), r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
            outcomes.Add(responses[20].StatusCode);
        }

        await using PorterDb db = factory.OpenDb();
        Assert.Equal(120, await db.Messages.CountAsync(m => m.Channel == "sms"));
        HttpStatusCode outcome = outcomes.Distinct().Single();

        // PostgreSQL holds Message-IDs to 998 characters and refuses this one; SQLite does not limit text and stores it.
        Assert.Equal(factory.Storage.Provider == DatabaseProvider.Postgres ? HttpStatusCode.InternalServerError : HttpStatusCode.Accepted, outcome);
    }

    private static async Task<HttpResponseMessage> PostRaw(HttpClient client, string raw)
    {
        using var content = new StringContent(raw, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
        return await client.PostAsync("/api/v1/mail", content);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("porter_not-a-real-key")]
    [InlineData("something else")]
    public async Task Post_WithoutAValidKey_Is401AndStoresNothing(string? key)
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }

        HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/messages", SmsFromNorthwind);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/queue")).StatusCode);
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(0, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task Post_Invalid_Is400NamingEveryFieldAndStoresNothing()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.Authorized();
        HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/messages", new { channel = "", to = 5, receivedAt = "next tuesday" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["body", "channel", "from", "receivedAt", "to"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        using var broken = new StringContent("{not json", Encoding.UTF8, "application/json");
        HttpResponseMessage notJson = await client.PostAsync("/api/v1/messages", broken);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(0, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task Post_TooLarge_Is413AndStoresNothing()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.Authorized();
        HttpResponseMessage response = await client.PostAsJsonAsync("/api/v1/messages", new { channel = "email", from = "jordan@northwind.example", body = new string('x', 100_000) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(0, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task AfterHours_HeldWithAReleaseAndAnAutoReplyOwed_AndQueuedOnlyOnceItsWindowOpens()
    {
        await using PorterFactory factory = await StartAsync();
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 24, 23, 10));
        using HttpClient client = factory.Authorized();
        JsonElement held = await (await client.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = "Quick one", body = "Can you tweak the banner?", messageId = "<late@northwind.example>",
        })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("hold", held.GetProperty("decision").GetProperty("kind").GetString());
        string holdUntil = held.GetProperty("decision").GetProperty("holdUntil").GetString()!;

        // Every action, done or not: the automatic reply is due at once, so the dispatcher (running every 500 ms) may
        // already have done it (here: skipped, no SMTP) by the time this reads; the release waits for the window.
        JsonElement actions = await client.GetFromJsonAsync<JsonElement>("/api/v1/actions");
        Assert.Equal(["auto_reply", "release"], actions.EnumerateArray().Select(a => a.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(["release"], (await client.GetFromJsonAsync<JsonElement>("/api/v1/actions?pending=true")).EnumerateArray()
            .Select(a => a.GetProperty("kind").GetString()).Where(k => k == "release"));
        Assert.Equal(holdUntil, actions.EnumerateArray().Single(a => a.GetProperty("kind").GetString() == "release").GetProperty("dueAt").GetString());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/queue")).EnumerateArray());

        factory.Clock.Reset(NodaTime.Text.InstantPattern.ExtendedIso.Parse(holdUntil).Value);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/queue")).EnumerateArray());
    }

    [Fact]
    public async Task Queue_IsOrderedByDeadlineThenPriority()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.Authorized();
        async Task<long> Post(object message) => (await (await client.PostAsJsonAsync("/api/v1/messages", message)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        long later = await Post(new { channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = "Later", body = "Could you look at this?", externalId = "q1" });
        factory.Clock.AdvanceMinutes(-30);
        long sooner = await Post(new { channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = "Sooner", body = "Could you look at that?", externalId = "q2" });
        long soonerUrgent = await Post(new { channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = "URGENT", body = "Could you look at that?", externalId = "q3" });

        JsonElement queue = await client.GetFromJsonAsync<JsonElement>("/api/v1/queue");
        Assert.Equal([soonerUrgent, sooner, later], queue.EnumerateArray().Select(q => q.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Clients_ShowEachAgreement_AndAnUnknownIdIs404()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.Authorized();
        JsonElement clients = await client.GetFromJsonAsync<JsonElement>("/api/v1/clients");
        Assert.Equal(["northwind", "fabrikam"], clients.EnumerateArray().Select(c => c.GetProperty("id").GetString()));

        JsonElement northwind = await client.GetFromJsonAsync<JsonElement>("/api/v1/clients/northwind");
        Assert.Equal("America/New_York", northwind.GetProperty("zone").GetString());
        Assert.Contains(northwind.GetProperty("channels").EnumerateArray(), c =>
            c.GetProperty("channel").GetString() == "sms" && c.GetProperty("role").GetString() == "urgent" && c.GetProperty("promise").GetString() == "1h");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/clients/nobody")).StatusCode);
    }

    [Fact]
    public async Task HealthAndOpenApi_Answer()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.CreateClient();
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
        JsonElement openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/v1/messages", out _));
        Assert.True(openApi.GetProperty("paths").TryGetProperty("/api/v1/queue", out _));
    }

    private async Task<PorterFactory> StartAsync() => await PorterFactory.StartAsync(await databases.CreateAsync());
}

public sealed class SqliteMessagesApiTests(SqliteDatabases databases) : MessagesApiTests(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresMessagesApiTests(PostgresDatabases databases) : MessagesApiTests(databases);

[CollectionDefinition(Name)]
public sealed class PostgresGroup : ICollectionFixture<PostgresDatabases>
{
    public const string Name = "PostgreSQL";
}
