using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Web.Tests.Dashboard;

namespace Porter.Web.Tests;

/// <summary>
/// Every change to the practice is on record, on both providers: who, when, each field before and after, and the
/// document after it; its id is the practice's version, which each decision stores; porter.json changed while Porter
/// was stopped is recorded at the next start, an unchanged one is not; and the database refuses to edit or delete a
/// record.
/// </summary>
public abstract class ChangeRecordTests(IDatabases databases)
{
    [Fact]
    public async Task EditsStatusAndRestarts_AreOnRecord_AndDecisionsStoreTheirVersion()
    {
        StorageOptions storage = await databases.CreateAsync();
        string config = PorterFactory.CopyOfDemoConfig();
        long first;
        await using (PorterFactory factory = await PorterFactory.StartAsync(storage, config: config))
        {
            using HttpClient api = factory.Authorized();
            long before = await DecideAsync(api, "<v1@northwind.example>");
            ChangeRecord start = Assert.Single(await RecordsAsync(storage));
            first = start.Id;
            Assert.Equal(("practice", "porter.json at start"), (start.Subject, start.Actor));
            Assert.Equal(await File.ReadAllTextAsync(config), start.Document);
            Assert.Equal(first, await VersionOfAsync(storage, before));

            await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
            using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
            HttpResponseMessage saved = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Weekly",
                ("mon", "09:00-12:30, 13:30-17:30"), ("tue", "09:00-12:30, 13:30-20:00"), ("wed", "09:00-12:30, 13:30-17:30"), ("thu", "09:00-12:30, 13:30-17:30"), ("fri", "09:00-17:00"), ("sat", ""), ("sun", ""));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await Signed.PostFormAsync(sam, "/dashboard", "/dashboard?handler=Status", ("status", "focus"))).StatusCode);
            long after = await DecideAsync(api, "<v2@northwind.example>");

            List<ChangeRecord> records = await RecordsAsync(storage);
            Assert.Equal(3, records.Count);
            ChangeRecord edit = records[1];
            Assert.Equal(("practice", "sam@riverastudio.example"), (edit.Subject, edit.Actor));
            Assert.Contains("availability.weekly.tue", edit.Summary, StringComparison.Ordinal);
            JsonElement tuesday = JsonDocument.Parse(edit.Changes).RootElement.EnumerateArray().Single(c => c.GetProperty("path").GetString() == "availability.weekly.tue");
            Assert.Contains("13:30-17:30", tuesday.GetProperty("before").GetString(), StringComparison.Ordinal);
            Assert.Contains("13:30-20:00", tuesday.GetProperty("after").GetString(), StringComparison.Ordinal);
            Assert.Equal(await File.ReadAllTextAsync(config), edit.Document);

            ChangeRecord status = records[2];
            Assert.Equal(("status", "sam@riverastudio.example", "professional.status"), (status.Subject, status.Actor, status.Summary));
            Assert.Null(status.Document);
            Assert.Equal(edit.Id, await VersionOfAsync(storage, after));
        }

        // A restart with porter.json as it was: nothing new on record. Changed while stopped: recorded at start.
        await using (PorterFactory again = await PorterFactory.StartAsync(storage, config: config))
        {
            using HttpClient api = again.Authorized();
            await DecideAsync(api, "<v3@northwind.example>");
            Assert.Equal(3, (await RecordsAsync(storage)).Count);
        }

        await File.WriteAllTextAsync(config, (await File.ReadAllTextAsync(config)).Replace("\"autoReplyWindowDays\": 7", "\"autoReplyWindowDays\": 3", StringComparison.Ordinal));
        await using (PorterFactory third = await PorterFactory.StartAsync(storage, config: config))
        {
            using HttpClient api = third.Authorized();
            long decided = await DecideAsync(api, "<v4@northwind.example>");
            ChangeRecord changed = (await RecordsAsync(storage))[^1];
            Assert.Equal(("porter.json at start", "policy.autoReplyWindowDays"), (changed.Actor, changed.Summary));
            Assert.Equal(changed.Id, await VersionOfAsync(storage, decided));
        }
    }

    [Fact]
    public async Task AnOlderPorterJson_DoesNotUndoTheDatabasesVersion_ItIsWrittenBackAtStart()
    {
        StorageOptions storage = await databases.CreateAsync();
        string config = PorterFactory.CopyOfDemoConfig();
        string original = await File.ReadAllTextAsync(config);
        long saved;
        await using (PorterFactory factory = await PorterFactory.StartAsync(storage, config: config))
        {
            using HttpClient api = factory.Authorized();
            using var changed = new StringContent(original.Replace("\"autoReplyWindowDays\": 7", "\"autoReplyWindowDays\": 2", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
            HttpResponseMessage put = await api.PutAsync("/api/v1/practice", changed);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            saved = (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt64();
        }

        // An old copy of the file comes back (a restored backup, another machine's copy): older than the version on record.
        await File.WriteAllTextAsync(config, original);
        File.SetLastWriteTimeUtc(config, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await using (PorterFactory again = await PorterFactory.StartAsync(storage, config: config))
        {
            using HttpClient api = again.Authorized();
            long decided = await DecideAsync(api, "<older@northwind.example>");
            Assert.Equal(saved, await VersionOfAsync(storage, decided));
        }

        Assert.Contains("\"autoReplyWindowDays\": 2", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
        Assert.Equal(saved, (await RecordsAsync(storage)).Where(r => r.Subject == "practice").Max(r => r.Id));
    }

    [Fact]
    public async Task TheDatabase_RefusesToEditOrDeleteARecord()
    {
        StorageOptions storage = await databases.CreateAsync();
        await using PorterFactory factory = await PorterFactory.StartAsync(storage, config: PorterFactory.CopyOfDemoConfig());
        using HttpClient api = factory.Authorized();
        await DecideAsync(api, "<ao@northwind.example>");
        await using PorterDb db = factory.OpenDb();
        Exception edited = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE change_records SET actor = 'mallory'"));
        Exception deleted = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM change_records"));
        Assert.Contains("append-only", edited.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", deleted.Message, StringComparison.Ordinal);
        Assert.Equal("porter.json at start", Assert.Single(await RecordsAsync(storage)).Actor);
    }

    private static async Task<long> DecideAsync(HttpClient api, string messageId)
    {
        HttpResponseMessage response = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = "Question", body = "Could you send the files?", messageId,
        });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<List<ChangeRecord>> RecordsAsync(StorageOptions storage)
    {
        await using PorterDb db = StorageSetup.Open(storage);
        return await db.Changes.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
    }

    private static async Task<long?> VersionOfAsync(StorageOptions storage, long message)
    {
        await using PorterDb db = StorageSetup.Open(storage);
        return (await db.Messages.SingleAsync(m => m.Id == message)).PracticeVersion;
    }
}

public sealed class SqliteChangeRecordTests(SqliteDatabases databases) : ChangeRecordTests(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresChangeRecordTests(PostgresDatabases databases) : ChangeRecordTests(databases);
