using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Messages;
using Porter.Storage.Model;
using Porter.Web.Tests.Dashboard;

namespace Porter.Web.Tests;

/// <summary>
/// The reports' figures and the dispatcher's count of missed deadlines, aggregated by the database, on both providers:
/// promises count only what is settled (nothing answered yet is no bar, not 100 %), the period and the organisation
/// bound every figure; replies and "mark answered" record when the client got the answer; a query nobody waits for
/// any more is stopped (SQLite interrupts it).
/// </summary>
public abstract class ReportsTests(IDatabases databases)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 12, 0);

    [Fact]
    public async Task Figures_CountSettledPromises_WithinThePeriodAndTheOrganisation()
    {
        StorageOptions storage = await databases.CreateAsync();
        await StorageSetup.MigrateAsync(storage);
        await using (PorterDb db = StorageSetup.Open(storage))
        {
            var other = new OrganisationRecord { Name = "Other Agency" };
            db.Organisations.Add(other);
            await db.SaveChangesAsync();
            Instant hour = Now - Duration.FromHours(30);
            db.Messages.AddRange(
                Message("a", hour, deadline: hour + Duration.FromHours(4), answered: hour + Duration.FromHours(1)),      // on time
                Message("a", hour, deadline: hour + Duration.FromHours(4), answered: hour + Duration.FromHours(9)),      // late
                Message("a", hour, deadline: hour + Duration.FromHours(4), answered: null),                              // missed
                Message("b", hour, deadline: Now + Duration.FromHours(2), answered: null),                               // open, not yet due
                Message("c", hour + Duration.FromMinutes(20), deadline: hour + Duration.FromHours(4), answered: hour + Duration.FromHours(2)),
                Message(null, hour, deadline: null, answered: null),                                                     // FYI from a stranger: no promise
                Message("a", hour, deadline: hour + Duration.FromHours(1), answered: null, decision: "never_answer"),    // automatic mail
                Message("a", Now - Duration.FromDays(91), deadline: Now - Duration.FromDays(90), answered: null),       // before the period
                Message("a", hour, deadline: hour + Duration.FromHours(1), answered: null, organisation: other.Id));     // another organisation's
            await db.SaveChangesAsync();
        }

        await using PorterDb read = StorageSetup.Open(storage);
        Instant since = Now - Duration.FromDays(90);
        Dictionary<string, PromiseCount> promises = (await MessageReports.PromisesAsync(read, since, Now, CancellationToken.None)).ToDictionary(p => p.ClientId ?? "-");
        Assert.Equal(new PromiseCount("a", 1, 3), promises["a"]);
        Assert.Equal(new PromiseCount("b", 0, 0), promises["b"]);
        Assert.Equal(new PromiseCount("c", 1, 1), promises["c"]);
        Assert.False(promises.ContainsKey("-"));

        Dictionary<string, long> load = (await MessageReports.LoadAsync(read, since, CancellationToken.None)).ToDictionary(l => l.ClientId ?? "-", l => l.Count);
        Assert.Equal(new Dictionary<string, long> { ["a"] = 3, ["b"] = 1, ["c"] = 1, ["-"] = 1 }, load);

        IReadOnlyList<ArrivalCount> arrivals = await MessageReports.ArrivalsAsync(read, since, CancellationToken.None);
        Assert.Equal(6, arrivals.Sum(a => a.Count));
        Assert.Equal(5, arrivals.Single(a => a.Start == Now - Duration.FromHours(30)).Count);
        Assert.Equal(1, arrivals.Single(a => a.Start == Now - Duration.FromHours(30) + Duration.FromMinutes(15)).Count);

        // Missed: delivered or held, unanswered, past the deadline: the missed one and the one before the period.
        Assert.Equal(2, await MessageReports.MissedDeadlinesAsync(read, Now, CancellationToken.None));
    }

    [Fact]
    public async Task RepliesAndMarks_RecordWhenTheClientGotTheAnswer_AndTheChartSaysSo()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 24, 19, 0)); // after hours: a reply waits for the next window
        using HttpClient api = factory.Authorized();
        long first = await PostAsync(api, "<r1@northwind.example>");
        long second = await PostAsync(api, "<r2@northwind.example>");

        HttpResponseMessage reply = await api.PostAsJsonAsync($"/api/v1/messages/{first}/replies", new { body = "Tomorrow morning." });
        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
        Assert.Equal(HttpStatusCode.Redirect, (await Signed.PostFormAsync(sam, "/dashboard", $"/dashboard/messages/{second}?handler=Done", ("done", "true"))).StatusCode);

        await using (PorterDb db = factory.OpenDb())
        {
            // The reply goes when both work: 13:30 London, 08:30 in New York.
            Assert.Equal(Instant.FromUtc(2026, 11, 25, 13, 30), (await db.Messages.SingleAsync(m => m.Id == first)).AnsweredAt);
            Assert.Equal(Instant.FromUtc(2026, 11, 24, 19, 0), (await db.Messages.SingleAsync(m => m.Id == second)).AnsweredAt);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await Signed.PostFormAsync(sam, "/dashboard", $"/dashboard/messages/{second}?handler=Done", ("done", "false"))).StatusCode);
        await using (PorterDb db = factory.OpenDb())
        {
            MessageRecord reopened = await db.Messages.SingleAsync(m => m.Id == second);
            Assert.Equal((null, null), (reopened.DoneAt, reopened.AnsweredAt));
        }

        // Both answered within their promise (deadlines are days of business time away): Northwind's bar is 100 %.
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync("/dashboard/reports/promises.svg")).StatusCode);
    }

    private static async Task<long> PostAsync(HttpClient api, string messageId)
    {
        HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = "Files", body = "Could you send the files?", messageId,
        });
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static MessageRecord Message(string? client, Instant received, Instant? deadline, Instant? answered, string decision = "deliver", long organisation = OrganisationRecord.InstanceId) => new()
    {
        Channel = "email",
        From = $"{client ?? "someone"}@example.com",
        To = "sam@riverastudio.example",
        Subject = "s",
        Body = "b",
        ReceivedAt = received,
        StoredAt = received,
        ClientId = client,
        Decision = decision,
        Priority = "normal",
        Deadline = deadline,
        DoneAt = answered,
        AnsweredAt = answered,
        Signals = "",
        Reasons = "[]",
        OrganisationId = organisation,
    };
}

public sealed class SqliteReportsTests(SqliteDatabases databases) : ReportsTests(databases), IClassFixture<SqliteDatabases>
{
    /// <summary>A statement nobody waits for any more stops at once, instead of running to its end on a core of its own.</summary>
    [Fact]
    public async Task ALongQuery_IsInterrupted_WhenItsTokenFires()
    {
        StorageOptions storage = await databases.CreateAsync();
        await StorageSetup.MigrateAsync(storage);
        await using PorterDb db = StorageSetup.Open(storage);
        using var abandon = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        // Counting to ten billion takes SQLite minutes.
        SqliteException stopped = await Assert.ThrowsAsync<SqliteException>(() => db.Database
            .SqlQueryRaw<long>("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000) SELECT count(*) AS \"Value\" FROM c")
            .SingleAsync(abandon.Token));

        Assert.Equal(SQLitePCL.raw.SQLITE_INTERRUPT, stopped.SqliteErrorCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"stopped after {clock.Elapsed}");

        // The connection serves the next query as usual.
        Assert.Equal(0, await db.Messages.CountAsync());
    }
}

[Collection(PostgresGroup.Name)]
public sealed class PostgresReportsTests(PostgresDatabases databases) : ReportsTests(databases);
