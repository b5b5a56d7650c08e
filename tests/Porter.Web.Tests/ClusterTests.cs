using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;
using NodaTime.Text;
using Porter.Storage;
using Porter.Testing;

namespace Porter.Web.Tests;

/// <summary>
/// Two real <c>porter serve</c> processes on one PostgreSQL database (Quartz.NET clustered there), 1,000 replies
/// scheduled to go out within the minute, queued through both: each reaches the SMTP server exactly once.
/// </summary>
[Collection(PostgresGroup.Name)]
public sealed class ClusterTests(PostgresDatabases databases, SmtpCapture smtp) : IClassFixture<SmtpCapture>
{
    private const int Sends = 1000;

    [Fact]
    public async Task TwoInstances_1000ScheduledSends_EachSentExactlyOnce()
    {
        StorageOptions storage = await databases.CreateAsync();
        string key = await ServiceProcess.PrepareAsync(storage, "cluster");

        Dictionary<string, string> Environment(string node) => new()
        {
            ["Porter__Smtp__Host"] = "127.0.0.1",
            ["Porter__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Porter__Smtp__Security"] = "none",
            ["Porter__DispatchIntervalSeconds"] = "1",
            ["Porter__InstanceId"] = node,
        };

        await using ServiceProcess one = await ServiceProcess.StartAsync(storage, environment: Environment("node-1"));
        await using ServiceProcess two = await ServiceProcess.StartAsync(storage, environment: Environment("node-2"));
        using HttpClient first = one.Client(key), second = two.Client(key);
        string tag = Guid.NewGuid().ToString("N")[..8];
        HttpResponseMessage posted = await first.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = $"Cluster {tag}", body = "Could you send the files?",
        });
        long id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

#pragma warning disable RS0030 // The processes run on the real clock.
        Instant due = SystemClock.Instance.GetCurrentInstant() + Duration.FromSeconds(20);
#pragma warning restore RS0030
        var queued = new ConcurrentBag<long>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Sends), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            HttpResponseMessage response = await (i % 2 == 0 ? first : second).PostAsJsonAsync(
                $"/api/v1/messages/{id}/replies", new { body = $"Reply {i} of {tag}", sendAt = InstantPattern.ExtendedIso.Format(due) }, ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            queued.Add((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("actionId").GetInt64());
        });
        Assert.Equal(Sends, queued.Distinct().Count());

        List<MimeMessage> received = SmtpCapture.Tagged(await smtp.WaitForAsync(Sends, TimeSpan.FromSeconds(90)), tag);
        await Task.Delay(TimeSpan.FromSeconds(4)); // anything sent twice would arrive by now
        received = SmtpCapture.Tagged(smtp.Received, tag);

        Assert.Equal(Sends, received.Count);
        Assert.Equal(Sends, received.Select(m => m.TextBody!.Trim()).Distinct().Count());
        Assert.Equal(Sends, received.Select(m => m.MessageId).Distinct().Count());
        await using PorterDb check = StorageSetup.Open(storage);
        var actions = await check.Actions.Where(a => a.Kind == Porter.Storage.Model.ActionKind.SendReply).ToListAsync();
        Assert.All(actions, a => Assert.Equal((1, true), (a.Attempts, a.DoneAt is not null)));
    }

    /// <summary>The same 500 messages posted to both instances at once: each stored once, both answer with its one id.</summary>
    [Fact]
    public async Task TwoInstances_SameMessagesPostedToBoth_EachStoredOnce()
    {
        StorageOptions storage = await databases.CreateAsync();
        string key = await ServiceProcess.PrepareAsync(storage, "both");

        await using ServiceProcess one = await ServiceProcess.StartAsync(storage, environment: new Dictionary<string, string> { ["Porter__InstanceId"] = "a" });
        await using ServiceProcess two = await ServiceProcess.StartAsync(storage, environment: new Dictionary<string, string> { ["Porter__InstanceId"] = "b" });
        using HttpClient first = one.Client(key), second = two.Client(key);
        var ids = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            string external = $"both-{i % 500}";
            HttpResponseMessage response = await (i % 2 == 0 ? first : second).PostAsJsonAsync(
                "/api/v1/messages", new { channel = "sms", from = "+1 212 555 0142", body = $"Message {i % 500}", externalId = external }, ct);
            Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, response.StatusCode.ToString());
            ids.GetOrAdd(external, _ => []).Add((await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64());
        });

        Assert.Equal(500, ids.Count);
        Assert.All(ids.Values, each => Assert.Single(each.Distinct()));
        await using PorterDb check = StorageSetup.Open(storage);
        Assert.Equal(500, await check.Messages.CountAsync());
    }
}
