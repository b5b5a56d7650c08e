using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Storage;
using Porter.Web.Api;

using static Porter.Web.Tests.SignedWebhooks;

namespace Porter.Web.Tests;

/// <summary>Webhooks are checked by their signatures before anything is stored; the published test vectors pass.</summary>
#pragma warning disable CA5350 // Twilio signs with HMAC-SHA1.
public sealed class WebhookTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    /// <summary>Twilio's documented example (twilio.com/docs/usage/security): the signature is accepted, the message then refused for having no body.</summary>
    [Fact]
    public async Task Twilio_PublishedVector_PassesTheSignatureCheck()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.CreateClient();
        var fields = new Dictionary<string, string>
        {
            ["CallSid"] = "CA1234567890ABCDE", ["Caller"] = "+14158675309", ["Digits"] = "1234", ["From"] = "+14158675309", ["To"] = "+18005551212",
        };

        Assert.Equal(HttpStatusCode.BadRequest, (await PostTwilio(client, fields, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).StatusCode);
        fields["Digits"] = "9999";
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostTwilio(client, fields, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).StatusCode);
    }

    [Fact]
    public async Task Twilio_SignedSms_IsStoredOnceAsAnSmsFromTheClient()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.CreateClient();
        var fields = new Dictionary<string, string>
        {
            ["MessageSid"] = "SM0123456789", ["From"] = "+12125550142", ["To"] = "+442071234567", ["Body"] = "Is the site down for you too?", ["NumMedia"] = "0",
        };

        HttpResponseMessage first = await PostTwilio(client, fields, TwilioSignature(fields));
        HttpResponseMessage repeat = await PostTwilio(client, fields, TwilioSignature(fields));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("<Response>", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        await using PorterDb db = factory.OpenDb();
        var stored = await db.Messages.SingleAsync();
        Assert.Equal(("sms", "+12125550142", "northwind", "SM0123456789"), (stored.Channel, stored.From, stored.ClientId, stored.ExternalId));
    }

    [Fact]
    public async Task Twilio_BadSignature_Is401AndStoresNothing()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.CreateClient();
        var fields = new Dictionary<string, string> { ["MessageSid"] = "SM1", ["From"] = "+12125550142", ["To"] = "+44", ["Body"] = "hi" };
        string signature = TwilioSignature(fields);
        fields["Body"] = "hi, changed on the way";

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostTwilio(client, fields, signature)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostTwilio(client, fields, null)).StatusCode);
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(0, await db.Messages.CountAsync());
    }

    /// <summary>The Standard Webhooks published vector is accepted at its own time (then refused: it is not a message).</summary>
    [Fact]
    public async Task Standard_PublishedVector_PassesTheSignatureCheck()
    {
        await using PorterFactory factory = await StartAsync();
        factory.Clock.Reset(Instant.FromUnixTimeSeconds(1614265330));
        using HttpClient client = factory.CreateClient();
        const string body = "{\"test\": 2432232314}";

        HttpResponseMessage response = await PostStandard(client, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("channel", out _));
    }

    [Fact]
    public async Task Standard_SignedMessage_IsStoredOnceByItsWebhookId()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.CreateClient();
        long now = factory.Clock.GetCurrentInstant().ToUnixTimeSeconds();
        string body = JsonSerializer.Serialize(new { channel = "chat", from = "jordan.lee", body = "Could you send the proofs?" });

        HttpResponseMessage first = await PostStandard(client, "msg_1", now, body, StandardSignature("msg_1", now, body));
        HttpResponseMessage retry = await PostStandard(client, "msg_1", now + 30, body, StandardSignature("msg_1", now + 30, body));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        JsonElement decision = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision");
        Assert.Equal("northwind", decision.GetProperty("clientId").GetString());
        await using PorterDb db = factory.OpenDb();
        Assert.Equal("msg_1", (await db.Messages.SingleAsync()).ExternalId);
    }

    [Theory]
    [InlineData(-301, true)]
    [InlineData(301, true)]
    [InlineData(0, false)]
    public async Task Standard_StaleOrTamperedOrFuture_Is401AndStoresNothing(int secondsAway, bool signCorrectly)
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.CreateClient();
        long at = factory.Clock.GetCurrentInstant().ToUnixTimeSeconds() + secondsAway;
        string body = JsonSerializer.Serialize(new { channel = "chat", from = "jordan.lee", body = "hello" });
        string signature = signCorrectly ? StandardSignature("msg_2", at, body) : StandardSignature("msg_2", at, body + " ");

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostStandard(client, "msg_2", at, body, signature)).StatusCode);
        await using PorterDb db = factory.OpenDb();
        Assert.Equal(0, await db.Messages.CountAsync());
    }

    [Fact]
    public async Task Slack_SignedMessageEvent_IsStoredOnce_AndBotsAndStaleRequestsAreNot()
    {
        await using PorterFactory factory = await StartAsync();
        using HttpClient client = factory.CreateClient();
        long now = factory.Clock.GetCurrentInstant().ToUnixTimeSeconds();
        string message = JsonSerializer.Serialize(new
        {
            type = "event_callback", event_id = "Ev01", event_time = now,
            @event = new { type = "message", user = "jordan.lee", text = "Change of plan: can we move the launch to Friday?", channel = "C1" },
        });
        string bot = JsonSerializer.Serialize(new
        {
            type = "event_callback", event_id = "Ev02", event_time = now,
            @event = new { type = "message", user = "porter", bot_id = "B1", text = "Thanks, I'll reply on Monday", channel = "C1" },
        });

        Assert.Equal(HttpStatusCode.OK, (await PostSlack(client, now, message, SlackSignature(now, message))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSlack(client, now, message, SlackSignature(now, message))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSlack(client, now, bot, SlackSignature(now, bot))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostSlack(client, now - 600, message, SlackSignature(now - 600, message))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostSlack(client, now, message, "v0=" + new string('0', 64))).StatusCode);

        string challenge = JsonSerializer.Serialize(new { type = "url_verification", challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" });
        HttpResponseMessage verification = await PostSlack(client, now, challenge, SlackSignature(now, challenge));
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", await verification.Content.ReadAsStringAsync());

        await using PorterDb db = factory.OpenDb();
        var stored = await db.Messages.SingleAsync();
        Assert.Equal(("chat", "jordan.lee", "Ev01"), (stored.Channel, stored.From, stored.ExternalId));
        Assert.Contains("plan_change", stored.Signals, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_WithoutItsSecretConfigured_IsNotOffered()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient client = factory.CreateClient();
        using var empty = new StringContent("{}", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/webhooks/standard", empty)).StatusCode);
    }

    private async Task<PorterFactory> StartAsync() => await PorterFactory.StartAsync(await databases.CreateAsync(), Secrets);
}
