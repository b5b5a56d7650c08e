using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Porter.Storage;
using Porter.Testing;

namespace Porter.Web.Tests;

/// <summary>
/// `porter serve` with the local model switched on (Porter:UnderstandingExamples): an emergency in ordinary words, by
/// SMS outside hours, reaches on-call, and the decision says which labelled examples it resembled. The service runs on
/// the real clock, so the professional's only working day is three days from today.
/// </summary>
public sealed class UnderstandingTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    [Fact]
    public async Task AnEmergencyInOrdinaryWords_ReachesOnCall_WithTheExamplesAsItsReason()
    {
        StorageOptions storage = await databases.CreateAsync();
        string key = await ServiceProcess.PrepareAsync(storage, "model");
        await using ServiceProcess service = await ServiceProcess.StartAsync(storage, config: ConfigNeverWorkingNow(),
            environment: new Dictionary<string, string> { ["Porter__UnderstandingExamples"] = Path.Combine(RepositoryPaths.Samples, "labelled", "messages.jsonl") });
        using HttpClient client = service.Client(key);

        HttpResponseMessage posted = await client.PostAsJsonAsync("/api/v1/messages", new { channel = "sms", from = "+1 212 555 0142", body = "nobody can buy anything on the shop rn, cart just spins forever", externalId = "model-1" });
        JsonElement decision = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision");

        Assert.Equal("escalate", decision.GetProperty("kind").GetString());
        Assert.Contains(decision.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "model"
            && r.GetProperty("fact").GetString()!.Contains("reads like #", StringComparison.Ordinal));

        // List mail never asks the model: never answered, no model reason.
        HttpResponseMessage list = await client.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = new[] { "sam@riverastudio.example" }, subject = "Digest", body = "nobody can buy anything on the shop",
            externalId = "model-2", headers = new Dictionary<string, string> { ["List-Id"] = "<x.lists.example>" },
        });
        JsonElement listed = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision");
        Assert.Equal("never_answer", listed.GetProperty("kind").GetString());
        Assert.DoesNotContain(listed.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "model");
    }

    private static string ConfigNeverWorkingNow()
    {
        string path = PorterFactory.CopyOfDemoConfig();
        JsonNode root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
#pragma warning disable RS0030 // The process runs on the real clock.
        LocalDate day = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Europe/London"]).Date.PlusDays(3);
#pragma warning restore RS0030
        JsonObject availability = root["availability"]!.AsObject();
        availability["weekly"] = new JsonObject { [day.DayOfWeek.ToString()[..3].ToLowerInvariant()] = new JsonArray("09:00-17:00") };
        foreach (string section in new[] { "overrides", "temporaryHours", "breaks", "vacations" })
        {
            availability.Remove(section);
        }

        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
