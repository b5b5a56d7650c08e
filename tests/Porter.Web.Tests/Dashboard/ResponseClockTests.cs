using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Testing;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// The response clock pauses while the professional waits on the client and resumes when the client writes again:
/// the deadline moves on by the working time it stood still; meanwhile the queue says so and the wait is no missed deadline.
/// </summary>
public abstract class ResponseClockTestsBase(IDatabases databases)
{
    [Fact]
    public async Task WaitingOnTheClient_PausesTheClock_TheirAnswerResumesIt()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient api = factory.Authorized();
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        // Tuesday 11:00 London: Jordan asks by email (promise: 8 working hours).
        long id = await PostAsync(api, "Could you send the revised logo?", "rc-1");
        Instant deadline;
        await using (PorterDb db = factory.OpenDb())
        {
            deadline = (await db.Messages.SingleAsync(m => m.Id == id)).Deadline!.Value;
        }

        // 12:00: Sam asks Jordan which colour, and waits on him.
        factory.Clock.AdvanceMinutes(60);
        string page = $"/dashboard/messages/{id}";
        Assert.Equal(HttpStatusCode.Redirect, (await Signed.PostFormAsync(sam, page, $"{page}?handler=Wait", ("waiting", "true"))).StatusCode);
        Assert.Contains("Waiting on the client since", await sam.GetStringAsync(page), StringComparison.Ordinal);
        Assert.Contains("waiting on the client", await sam.GetStringAsync("/dashboard"), StringComparison.Ordinal);

        // 15:00: Jordan answers. The wait ends; the deadline moves on by the working time between 12:00 and 15:00.
        factory.Clock.AdvanceMinutes(180);
        await PostAsync(api, "The darker green, please", "rc-2");
        MessageRecord resumed = await WaitAsync(factory, id);
        await using (PorterDb db = factory.OpenDb())
        {
            Porter.Domain.Agreements.Practice practice = Porter.Configuration.ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "porter.json"), DateTimeZoneProviders.Tzdb).ToPractice();
            Duration paused = practice.Calendar.BusinessTimeBetween(PorterFactory.InHours + Duration.FromHours(1), PorterFactory.InHours + Duration.FromHours(4));
            Assert.True(paused > Duration.Zero);
            Assert.Equal(practice.Calendar.PlusBusinessTime(deadline, paused), resumed.Deadline);
        }

        Assert.DoesNotContain("Waiting on the client since", await sam.GetStringAsync(page), StringComparison.Ordinal);
    }

    private static async Task<long> PostAsync(HttpClient api, string body, string tag)
    {
        HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = new[] { "sam@riverastudio.example" }, subject = "Logo", body, externalId = $"{tag}-{Guid.NewGuid():N}",
        });
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<MessageRecord> WaitAsync(PorterFactory factory, long id)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using PorterDb db = factory.OpenDb();
            MessageRecord message = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
            if (message.WaitingSince is null || clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                return message;
            }

            await Task.Delay(200);
        }
    }
}

public sealed class SqliteResponseClockTests(SqliteDatabases databases) : ResponseClockTestsBase(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresResponseClockTests(PostgresDatabases databases) : ResponseClockTestsBase(databases);
