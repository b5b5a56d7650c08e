using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Tests;

/// <summary>
/// kill -9 in the middle of 1,000 webhook messages, then a restart and the senders' retries: every acknowledged
/// message is stored exactly once under the id it was acknowledged with, and none is half-stored (a message without
/// the actions its decision calls for).
/// </summary>
public abstract class CrashTests(IDatabases databases)
{
    private const int Messages = 1000;

    [Fact]
    public async Task KillDuringIngestion_ThenRetry_EveryAcknowledgedMessageStoredExactlyOnce()
    {
        StorageOptions storage = await databases.CreateAsync();
        var acknowledged = new ConcurrentDictionary<int, long>();
        await using (ServiceProcess first = await ServiceProcess.StartAsync(storage))
        {
            using var client = new HttpClient { BaseAddress = first.Address };
            using var killed = new CancellationTokenSource();
            Task killer = Task.Run(async () =>
            {
                while (acknowledged.Count < 300)
                {
                    await Task.Delay(5);
                }

                await first.KillAsync();
                await killed.CancelAsync();
            });

            await Parallel.ForEachAsync(Enumerable.Range(0, Messages), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                try
                {
                    HttpResponseMessage response = await ServiceProcess.PostSignedAsync(client, $"crash-{i}", Body(i));
                    if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK)
                    {
                        acknowledged[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();
                    }
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                {
                    // The process is gone: not acknowledged, the sender will retry.
                }
            });
            await killer;
        }

        Assert.InRange(acknowledged.Count, 300, Messages - 1);
        await AssertConsistent(storage, acknowledged, expectAll: false);

        // Restart on the same database (the lock of the killed process is gone) and retry everything.
        await using (ServiceProcess second = await ServiceProcess.StartAsync(storage))
        {
            using var client = new HttpClient { BaseAddress = second.Address };
            var retried = new ConcurrentDictionary<int, long>();
            await Parallel.ForEachAsync(Enumerable.Range(0, Messages), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                HttpResponseMessage response = await ServiceProcess.PostSignedAsync(client, $"crash-{i}", Body(i));
                Assert.Equal(acknowledged.ContainsKey(i) ? HttpStatusCode.OK : response.StatusCode, response.StatusCode);
                retried[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetInt64();
            });

            Assert.All(acknowledged, a => Assert.Equal(a.Value, retried[a.Key]));
            await AssertConsistent(storage, retried, expectAll: true);
        }
    }

    private static async Task AssertConsistent(StorageOptions storage, IReadOnlyDictionary<int, long> acknowledged, bool expectAll)
    {
        await using PorterDb db = StorageSetup.Open(storage);
        List<MessageRecord> stored = await db.Messages.AsNoTracking().ToListAsync();
        List<ActionRecord> actions = await db.Actions.AsNoTracking().ToListAsync();

        // Exactly once: one row per webhook id, and the acknowledged id is that row.
        Assert.Equal(stored.Count, stored.Select(m => m.ExternalId).Distinct().Count());
        var byExternal = stored.ToDictionary(m => m.ExternalId!);
        Assert.All(acknowledged, a => Assert.Equal(a.Value, byExternal[$"crash-{a.Key}"].Id));
        if (expectAll)
        {
            Assert.Equal(Messages, stored.Count);
        }

        // Nothing half-stored: each message has exactly the actions its decision calls for.
        ILookup<long, ActionRecord> actionsOf = actions.Where(a => a.MessageRecordId is not null).ToLookup(a => a.MessageRecordId!.Value);
        Assert.All(stored, m =>
        {
            Assert.Equal(m.Decision == "hold" ? 1 : 0, actionsOf[m.Id].Count(a => a.Kind == Porter.Storage.Model.ActionKind.Release));
            Assert.Equal(m.AutoReplyAt is null ? 0 : 1, actionsOf[m.Id].Count(a => a.Kind == Porter.Storage.Model.ActionKind.AutoReply));
        });
    }

    private static string Body(int i) => JsonSerializer.Serialize(new { channel = "chat", from = "jordan.lee", body = $"Could you check item {i}?" });
}

public sealed class SqliteCrashTests(SqliteDatabases databases) : CrashTests(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresCrashTests(PostgresDatabases databases) : CrashTests(databases);
