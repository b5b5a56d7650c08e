using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Porter.Storage;
using Porter.Testing;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// Corrections teach the model, through the dashboard, with the real model on: the professional marks what Porter read
/// in a message wrong; the correction is kept (who, when, which labels) and the next message like it is read as they
/// said, on this instance at once and on another instance of the same PostgreSQL database within two seconds.
/// </summary>
public abstract class CorrectionTestsBase(IDatabases databases)
{
    private const string Printer = "The badge printer at the venue jammed again, nothing prints";
    private const string PrinterAgain = "badge printer at the venue jammed AGAIN and nothing is printing";
    private const string Staging = "The staging site is down for the planned upgrade tonight, no action needed";
    private const string StagingAgain = "FYI the staging site is down tonight for the planned upgrade, nothing to do";

    internal static string Examples => Path.Combine(RepositoryPaths.Samples, "labelled", "messages.jsonl");

    [Fact]
    public async Task MarkedWrongInTheDashboard_TheNextMessageLikeIt_IsReadAsTheProfessionalSaid()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), understandingExamples: Examples);
        using HttpClient api = factory.Authorized();
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        // An emergency in words neither the rules nor the examples know: normal priority.
        (long printer, JsonElement first) = await PostAsync(api, Printer, "p1");
        Assert.False(Emergency(first));
        string page = await sam.GetStringAsync($"/dashboard/messages/{printer}");
        Assert.Contains("What Porter read", page, StringComparison.Ordinal);

        // Sam marks it a real emergency.
        HttpResponseMessage corrected = await CorrectAsync(sam, printer, "urgent_matter");
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        string after = await sam.GetStringAsync(corrected.Headers.Location!.ToString());
        Assert.Contains("Correction kept: Porter reads the next message like this one as you said.", after, StringComparison.Ordinal);
        Assert.Contains("Corrected by sam@riverastudio.example", after, StringComparison.Ordinal);

        (_, JsonElement next) = await PostAsync(api, PrinterAgain, "p2");
        Assert.True(Emergency(next));
        Assert.Equal("high", next.GetProperty("priority").GetString());
        Assert.Contains(next.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "correction"
            && r.GetProperty("fact").GetString()!.Contains("like a message you marked so", StringComparison.Ordinal));

        // The other way: the phrase rules read "site is down" as an emergency; Sam says it is not one.
        (long staging, JsonElement stagingDecision) = await PostAsync(api, Staging, "s1");
        Assert.True(Emergency(stagingDecision));
        Assert.Equal(HttpStatusCode.Redirect, (await CorrectAsync(sam, staging, "fyi")).StatusCode);
        (_, JsonElement reworded) = await PostAsync(api, StagingAgain, "s2");
        Assert.False(Emergency(reworded));
        Assert.Contains(reworded.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "correction"
            && r.GetProperty("fact").GetString()!.StartsWith("not UrgentMatter", StringComparison.Ordinal));

        // Kept: who, when, the text and the labels, linked to the message.
        await using PorterDb db = factory.OpenDb();
        var kept = await db.Corrections.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal([(printer, "urgent_matter"), (staging, "fyi")], kept.Select(c => (c.MessageRecordId!.Value, c.Labels)));
        Assert.All(kept, c => Assert.Equal("sam@riverastudio.example", c.By));
        Assert.Equal(Printer, kept[0].Text);

        // A label Porter does not read is refused with the reason, and nothing is kept.
        HttpResponseMessage unknown = await CorrectAsync(sam, printer, "spam");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("is not a label Porter reads", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await db.Corrections.CountAsync());
    }

    /// <summary>Whether the decision read an emergency (in hours it raises priority; outside, it escalates).</summary>
    internal static bool Emergency(JsonElement decision) =>
        decision.GetProperty("reasons").EnumerateArray().Any(r => r.GetProperty("rule").GetString() == "urgent-matter");

    internal static async Task<(long Id, JsonElement Decision)> PostAsync(HttpClient api, string body, string tag)
    {
        HttpResponseMessage response = await api.PostAsJsonAsync("/api/v1/messages", new { channel = "sms", from = "+1 212 555 0142", body, externalId = $"{tag}-{Guid.NewGuid():N}" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        JsonElement posted = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (posted.GetProperty("id").GetInt64(), posted.GetProperty("decision"));
    }

    internal static async Task<HttpResponseMessage> CorrectAsync(HttpClient browser, long message, params string[] labels)
    {
        string page = $"/dashboard/messages/{message}";
        string token = Signed.Token(await browser.GetStringAsync(page));
        using var content = new FormUrlEncodedContent([.. labels.Select(l => new KeyValuePair<string, string>("labels", l)), new("__RequestVerificationToken", token)]);
        return await browser.PostAsync($"{page}?handler=Correct", content);
    }
}

public sealed class SqliteCorrectionTests(SqliteDatabases databases) : CorrectionTestsBase(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresCorrectionTests(PostgresDatabases databases) : CorrectionTestsBase(databases)
{
    [Fact]
    public async Task ACorrectionOnOneInstance_TeachesTheOther_WithinTwoSeconds()
    {
        StorageOptions storage = await databases.CreateAsync();
        await using PorterFactory a = await PorterFactory.StartAsync(storage, understandingExamples: Examples);
        await using PorterFactory b = await PorterFactory.StartAsync(storage, understandingExamples: Examples);
        using HttpClient onA = a.Authorized(), onB = b.Authorized();
        await Signed.CreateUserAsync(a, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(a, "sam@riverastudio.example");
        (long printer, _) = await PostAsync(onA, "The badge printer at the venue jammed again, nothing prints", "x1");
        Assert.False(Emergency((await PostAsync(onB, "badge printer at the venue jammed AGAIN and nothing is printing", "x2")).Decision));

        Assert.Equal(HttpStatusCode.Redirect, (await CorrectAsync(sam, printer, "urgent_matter")).StatusCode);
        var clock = Stopwatch.StartNew();
        JsonElement decided;
        int tries = 0;
        do
        {
            decided = (await PostAsync(onB, "badge printer at the venue jammed AGAIN and nothing is printing", $"x3-{tries++}")).Decision;
        }
        while (!Emergency(decided) && clock.Elapsed < TimeSpan.FromSeconds(10));

        Assert.True(Emergency(decided));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"instance B took {clock.Elapsed.TotalMilliseconds:0} ms to learn the correction");
    }
}
