using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Tests.Dashboard;

/// <summary>The professional's dashboard: the queue with working time left, a held message, the composer, the status switch.</summary>
public sealed class DashboardTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    /// <summary>Tuesday 24 November 2026, 19:00 in London: after hours.</summary>
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 24, 19, 0);

    [Fact]
    public async Task Queue_ShowsDeadlinesAsWorkingTimeLeft_SoonestFirst()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient api = factory.Authorized();
        await Post(api, "email", "jordan@northwind.example", "Invoice question", "<q1@northwind.example>");
        await Post(api, "sms", "+1 212 555 0142", "", null, externalId: "SM9", body: "Urgent: our website is down, can you help asap?");
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        string page = WebUtility.HtmlDecode(await sam.GetStringAsync("/dashboard"));
        // The SMS on the urgent channel: 1h promised; the email: 8h, which from Tuesday 11:00 runs to Wednesday.
        int sms = page.IndexOf("1h of working time left", StringComparison.Ordinal);
        int email = page.IndexOf("8h of working time left", StringComparison.Ordinal);
        Assert.True(sms > 0 && email > sms, "the urgent SMS's sooner deadline comes first");
        Assert.Contains("Invoice question", page, StringComparison.Ordinal);

        // 14:30: lunch (12:30-13:30) is not working time, on either side of the deadline.
        factory.Clock.Advance(Duration.FromMinutes(210));
        string later = WebUtility.HtmlDecode(await sam.GetStringAsync("/dashboard"));
        Assert.Contains("overdue by 1h 30m of working time", later, StringComparison.Ordinal);
        Assert.Contains("5h 30m of working time left", later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterHours_AHeldMessage_AndAReplyThatWaitsForTheNextWindowByDefault()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        factory.Clock.Reset(Evening);
        using HttpClient api = factory.Authorized();
        long id = await Post(api, "email", "jordan@northwind.example", "Evening thought", "<e1@northwind.example>");
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        string queue = WebUtility.HtmlDecode(await sam.GetStringAsync("/dashboard"));
        Assert.Contains("Held until a working window (1)", queue, StringComparison.Ordinal);
        Assert.Contains("Wed 25 Nov, 09:00", queue, StringComparison.Ordinal);

        string message = await sam.GetStringAsync($"/dashboard/messages/{id}");
        Assert.Matches("id=\"when-window\" name=\"when\" value=\"window\" checked=\"checked\"", message);
        Assert.DoesNotMatch("id=\"when-now\" name=\"when\" value=\"now\" checked", message);

        HttpResponseMessage posted = await Signed.PostFormAsync(sam, $"/dashboard/messages/{id}", $"/dashboard/messages/{id}?handler=Reply", ("body", "Thanks Jordan, I'll look tomorrow."), ("when", "window"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        string after = WebUtility.HtmlDecode(await sam.GetStringAsync(posted.Headers.Location!.ToString()));
        // Sam is back at 09:00 London, 04:00 in New York; Northwind's day starts at 08:00 there (13:00 London, Sam's
        // lunch break), so the reply goes at 13:30 London, 08:30 New York: the first time both are working.
        Assert.Contains("Reply queued: it goes out Wed 25 Nov, 13:30, at the next working window (the client's hours too).", after, StringComparison.Ordinal);

        await using PorterDb db = factory.OpenDb();
        ActionRecord reply = await db.Actions.SingleAsync(a => a.Kind == Porter.Storage.Model.ActionKind.SendReply);
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 13, 30), reply.DueAt);
        Assert.Equal(id, reply.MessageRecordId);
    }

    [Fact]
    public async Task InHours_TheComposerSendsNow_AndAnEmptyReplyIsRefused()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient api = factory.Authorized();
        long id = await Post(api, "email", "jordan@northwind.example", "Morning", "<m1@northwind.example>");
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        Assert.Matches("id=\"when-now\" name=\"when\" value=\"now\" checked=\"checked\"", await sam.GetStringAsync($"/dashboard/messages/{id}"));
        HttpResponseMessage empty = await Signed.PostFormAsync(sam, $"/dashboard/messages/{id}", $"/dashboard/messages/{id}?handler=Reply", ("body", "  "), ("when", "now"));
        Assert.Contains("Write the reply first.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        HttpResponseMessage posted = await Signed.PostFormAsync(sam, $"/dashboard/messages/{id}", $"/dashboard/messages/{id}?handler=Reply", ("body", "Here you are."), ("when", "now"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        await using PorterDb db = factory.OpenDb();
        Assert.Equal(PorterFactory.InHours, (await db.Actions.SingleAsync(a => a.Kind == Porter.Storage.Model.ActionKind.SendReply)).DueAt);
        // A message with a reply queued has left the queue.
        Assert.DoesNotContain(">Morning<", await sam.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkedAnswered_AMessageLeavesTheQueue_AndComesBackWhenReopened()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient api = factory.Authorized();
        long id = await Post(api, "email", "jordan@northwind.example", "Answered by phone", "<p1@northwind.example>");
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
        Assert.Contains(">Answered by phone<", await sam.GetStringAsync("/dashboard"), StringComparison.Ordinal);

        await Signed.PostFormAsync(sam, $"/dashboard/messages/{id}", $"/dashboard/messages/{id}?handler=Done", ("done", "true"));
        Assert.DoesNotContain(">Answered by phone<", await sam.GetStringAsync("/dashboard"), StringComparison.Ordinal);
        JsonElement[] queue = await api.GetFromJsonAsync<JsonElement[]>("/api/v1/queue") ?? [];
        Assert.DoesNotContain(queue, q => q.GetProperty("id").GetInt64() == id);
        Assert.Contains("Tue 24 Nov, 11:00", WebUtility.HtmlDecode(await sam.GetStringAsync($"/dashboard/messages/{id}")), StringComparison.Ordinal);

        await Signed.PostFormAsync(sam, $"/dashboard/messages/{id}", $"/dashboard/messages/{id}?handler=Done", ("done", "false"));
        Assert.Contains(">Answered by phone<", await sam.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusSwitch_Vacation_HoldsMessagesEvenInHours_AndIsKeptAcrossRestarts()
    {
        StorageOptions storage = await databases.CreateAsync();
        await using (PorterFactory factory = await PorterFactory.StartAsync(storage))
        {
            await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
            using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
            HttpResponseMessage set = await Signed.PostFormAsync(sam, "/dashboard", "/dashboard?handler=Status", ("status", "vacation"));
            Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
            Assert.Contains("Status: vacation", await sam.GetStringAsync("/dashboard"), StringComparison.Ordinal);
        }

        await using PorterFactory restarted = await PorterFactory.StartAsync(storage);
        using HttpClient api = restarted.Authorized();
        HttpResponseMessage response = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = "While away", body = "Quick one", messageId = "<v1@northwind.example>",
        });
        JsonElement decision = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision");
        Assert.Equal("hold", decision.GetProperty("kind").GetString());
    }

    private static async Task<long> Post(HttpClient api, string channel, string from, string subject, string? messageId, string? externalId = null, string body = "Could you send the invoice?")
    {
        HttpResponseMessage response = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            channel, from, to = "sam@riverastudio.example", subject, body, messageId, externalId,
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
