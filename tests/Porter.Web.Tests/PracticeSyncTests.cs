using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Porter.Storage;
using Porter.Testing;

namespace Porter.Web.Tests;

/// <summary>
/// Two real <c>porter serve</c> processes on one PostgreSQL database, each with a porter.json of its own: a change to
/// the practice saved on one (PUT /api/v1/practice) decides the next message on the other within two seconds, the
/// other's decisions store the new version, and the other writes the new version back to its own porter.json.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class PracticeSyncTests(PostgresDatabases databases)
{
    [Fact]
    public async Task AChangeSavedOnOneInstance_DecidesTheNextMessageOnTheOther_WithinTwoSeconds()
    {
        StorageOptions storage = await databases.CreateAsync();
        string key = await ServiceProcess.PrepareAsync(storage, "sync");
        string configB = PorterFactory.CopyOfDemoConfig();
        await using ServiceProcess a = await ServiceProcess.StartAsync(storage, environment: new Dictionary<string, string> { ["Porter__InstanceId"] = "a" });
        await using ServiceProcess b = await ServiceProcess.StartAsync(storage, environment: new Dictionary<string, string> { ["Porter__InstanceId"] = "b" }, config: configB);
        using HttpClient first = a.Client(key), second = b.Client(key);

        // Before: ops@acme.example is nobody's contact, on either instance.
        Assert.Equal(JsonValueKind.Null, (await DecideAsync(second, "before")).GetProperty("clientId").ValueKind);
        JsonElement practice = await first.GetFromJsonAsync<JsonElement>("/api/v1/practice");
        long before = practice.GetProperty("version").GetInt64();

        // A new client, saved on instance A.
        JsonNode document = JsonNode.Parse(practice.GetProperty("document").GetString()!, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        document["clients"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "acme", "name": "Acme Rockets", "timeZone": "America/Chicago", "contacts": [{ "name": "Ops", "emails": ["ops@acme.example"] }],
              "channels": [{ "channel": "email", "role": "general", "promise": "8h" }] }
            """));
        using var content = new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json");
        HttpResponseMessage saved = await first.PutAsync("/api/v1/practice", content);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        long after = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        Assert.True(after > before);
        var clock = Stopwatch.StartNew();

        // Instance B: the next messages, until one is decided as Acme's.
        JsonElement decided;
        int tries = 0;
        do
        {
            decided = await DecideAsync(second, $"after-{tries++}");
        }
        while (decided.GetProperty("clientId").ValueKind == JsonValueKind.Null && clock.Elapsed < TimeSpan.FromSeconds(10));

        TimeSpan took = clock.Elapsed;
        Assert.Equal("acme", decided.GetProperty("clientId").GetString());
        Assert.True(took < TimeSpan.FromSeconds(2), $"instance B took {took.TotalMilliseconds:0} ms to use the change");
        await using (PorterDb db = StorageSetup.Open(storage))
        {
            long id = decided.GetProperty("id").GetInt64();
            Assert.Equal(after, (await db.Messages.SingleAsync(m => m.Id == id)).PracticeVersion);
            Assert.Equal("api key sync", (await db.Changes.SingleAsync(c => c.Id == after)).Actor);
        }

        Assert.Equal(after, (await second.GetFromJsonAsync<JsonElement>("/api/v1/practice")).GetProperty("version").GetInt64());
        Assert.Contains("ops@acme.example", await File.ReadAllTextAsync(configB), StringComparison.Ordinal);

        // Changed hours saved on A are announced once to each client contact, though both instances take the change up.
        document["availability"]!["weekly"]!["wed"] = JsonNode.Parse("""["10:00-12:30", "13:30-16:00"]""");
        using var hours = new StringContent(document.ToJsonString(), Encoding.UTF8, "application/json");
        long changed = (await (await first.PutAsync("/api/v1/practice", hours)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        var waited = Stopwatch.StartNew();
        while ((await second.GetFromJsonAsync<JsonElement>("/api/v1/practice")).GetProperty("version").GetInt64() != changed && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // B's announcer has run by now
        await using PorterDb check = StorageSetup.Open(storage);
        List<string> announced = [.. (await check.Actions.Where(x => x.Kind == Porter.Storage.Model.ActionKind.Announce).Select(x => x.Payload).ToListAsync())
            .Select(p => JsonDocument.Parse(p).RootElement.GetProperty("to").GetString()!)];
        Assert.Equal(["jordan@northwind.example", "lena@fabrikam.example", "ops@acme.example", "priya@northwind.example"], announced.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ABadPractice_IsRefusedWithItsLines_AndNothingChanges()
    {
        StorageOptions storage = await databases.CreateAsync();
        await using PorterFactory factory = await PorterFactory.StartAsync(storage);
        using HttpClient api = factory.Authorized();
        long before = (await api.GetFromJsonAsync<JsonElement>("/api/v1/practice")).GetProperty("version").GetInt64();

        using var content = new StringContent("{\n  \"availability\": {\n    \"timeZone\": \"Mars/Base\"\n  }\n}", Encoding.UTF8, "application/json");
        HttpResponseMessage refused = await api.PutAsync("/api/v1/practice", content);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        string problems = await refused.Content.ReadAsStringAsync();
        Assert.Contains("porter.json:3: availability.timeZone: unknown time zone", problems, StringComparison.Ordinal);
        Assert.Equal(before, (await api.GetFromJsonAsync<JsonElement>("/api/v1/practice")).GetProperty("version").GetInt64());
    }

    private static async Task<JsonElement> DecideAsync(HttpClient api, string tag)
    {
        HttpResponseMessage response = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "ops@acme.example", to = "sam@riverastudio.example", subject = "Launch", body = "Could you check the launch plan?", messageId = $"<{tag}-{Guid.NewGuid():N}@acme.example>",
        });
        JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
        JsonElement decision = body.GetProperty("decision");
        using var doc = JsonDocument.Parse($"{{\"id\": {body.GetProperty("id").GetInt64()}, \"clientId\": {decision.GetProperty("clientId").GetRawText()}}}");
        return doc.RootElement.Clone();
    }
}
