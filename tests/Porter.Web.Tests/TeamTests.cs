using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Porter.Storage;
using Porter.Testing;

namespace Porter.Web.Tests;

/// <summary>
/// Two professionals in one organisation, each with their own clients and hours, decide their own mail: through real
/// <c>porter serve</c> processes, on SQLite and on two instances sharing one PostgreSQL database. The service runs on
/// the real clock, so the hours are made relative to now: Sam works every day around the clock, Kim only on a day three
/// days from today; Sam's client is delivered with a deadline, Kim's client is held until Kim's next working window.
/// </summary>
public abstract class TeamTests(IDatabases databases)
{
    protected abstract bool TwoInstances { get; }

    [Fact]
    public async Task TwoProfessionals_EachDecideTheirOwnClientsMail_ByTheirOwnHours()
    {
        StorageOptions storage = await databases.CreateAsync();
        string key = await ServiceProcess.PrepareAsync(storage, "team");
        await using ServiceProcess a = await ServiceProcess.StartAsync(storage, environment: new Dictionary<string, string> { ["Porter__InstanceId"] = "a" }, config: TeamConfig());
        await using ServiceProcess? b = TwoInstances
            ? await ServiceProcess.StartAsync(storage, environment: new Dictionary<string, string> { ["Porter__InstanceId"] = "b" }, config: TeamConfig())
            : null;
        using HttpClient first = a.Client(key);
        using HttpClient second = (b ?? a).Client(key);

        // Kim's client on one instance, Sam's on the other (the same one, on SQLite).
        JsonElement maya = await PostAsync(first, "maya@contoso.example", "kim@riverastudio.example", "team-1");
        JsonElement jordan = await PostAsync(second, "jordan@northwind.example", "sam@riverastudio.example", "team-2");
        JsonElement stranger = await PostAsync(second, "new@lead.example", "kim@riverastudio.example", "team-3");

        Assert.Equal("kim", maya.GetProperty("professionalId").GetString());
        Assert.Equal("contoso", maya.GetProperty("clientId").GetString());
        Assert.Equal("hold", maya.GetProperty("kind").GetString());
        Assert.True(maya.GetProperty("autoReply").GetBoolean());
        Instant held = NodaTime.Text.InstantPattern.ExtendedIso.Parse(maya.GetProperty("holdUntil").GetString()!).Value;
        LocalDate kimsDay = held.InZone(DateTimeZoneProviders.Tzdb["America/Toronto"]).Date;
        Assert.Equal(KimsDay, kimsDay);

        Assert.Equal("sam", jordan.GetProperty("professionalId").GetString());
        Assert.Equal("northwind", jordan.GetProperty("clientId").GetString());
        Assert.Equal("deliver", jordan.GetProperty("kind").GetString());

        // Someone new writing to Kim's address is Kim's: held for her hours too.
        Assert.Equal("kim", stranger.GetProperty("professionalId").GetString());
        Assert.Equal("hold", stranger.GetProperty("kind").GetString());

        // Each queue entry carries its professional, on either instance.
        JsonElement queue = await first.GetFromJsonAsync<JsonElement>("/api/v1/queue");
        Assert.Contains(queue.EnumerateArray(), q => q.GetProperty("professionalId").GetString() == "sam" && q.GetProperty("clientId").GetString() == "northwind");
    }

    /// <summary>Kim's one working day: three days from today in Toronto (never today, so her clients are always held).</summary>
#pragma warning disable RS0030 // The processes run on the real clock.
    private static LocalDate KimsDay => SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["America/Toronto"]).Date.PlusDays(3);
#pragma warning restore RS0030

    private static string TeamConfig()
    {
        string path = PorterFactory.CopyOfTeamConfig();
        JsonNode root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var everyDay = new JsonObject();
        foreach (string day in new[] { "mon", "tue", "wed", "thu", "fri", "sat", "sun" })
        {
            everyDay[day] = new JsonArray("00:00-24:00");
        }

        JsonArray team = root["professionals"]!.AsArray();
        team[0]!["availability"]!["weekly"] = everyDay;
        team[0]!["availability"]!.AsObject().Remove("holidays");
        string kimsDay = KimsDay.DayOfWeek.ToString()[..3].ToLowerInvariant();
        team[1]!["availability"]!["weekly"] = new JsonObject { [kimsDay] = new JsonArray("09:00-17:00") };
        team[1]!["availability"]!.AsObject().Remove("holidays");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string from, string to, string externalId)
    {
        HttpResponseMessage posted = await client.PostAsJsonAsync("/api/v1/messages", new { channel = "email", from, to = new[] { to }, subject = "A question", body = "Could you look at the proofs?", externalId });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision");
    }
}

public sealed class SqliteTeamTests(SqliteDatabases databases) : TeamTests(databases), IClassFixture<SqliteDatabases>
{
    protected override bool TwoInstances => false;
}

[Collection(PostgresGroup.Name)]
public sealed class PostgresTeamTests(PostgresDatabases databases) : TeamTests(databases)
{
    protected override bool TwoInstances => true;
}
