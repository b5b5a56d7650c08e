using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Messages;
using Porter.Testing;
using Porter.Web;
using Porter.Web.Actions;

namespace Porter.Benchmarks;

/// <summary>
/// The reports' figures and one run of the dispatcher over one million stored messages (SQLite, the embedded default),
/// against a plain count of the same messages in the same run. The data: a million messages over the last 90 days
/// from six clients and strangers, most with a deadline, half of those answered, a held message's release and an
/// automatic reply's action per message where its decision calls for them (all done). Seeded once into a file under
/// the system's temporary folder (about a minute) and reused by every benchmark process.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StoredDataBenchmarks
{
    /// <summary>How many messages are stored.</summary>
    public const int Messages = 1_000_000;

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 12, 0);
    private StorageOptions storage = null!;
    private ServiceProvider services = null!;
    private ActionDispatcher dispatcher = null!;

    [GlobalSetup]
    public void Setup()
    {
        string path = Path.Combine(Path.GetTempPath(), $"porter-bench-{Messages}-v1.db");
        storage = StorageOptions.Sqlite(path);
        if (!File.Exists(path + ".done"))
        {
            File.Delete(path);
            StorageSetup.MigrateAsync(storage).GetAwaiter().GetResult();
            Seed(storage.ConnectionString);
            File.WriteAllText(path + ".done", "");
        }

        var collection = new ServiceCollection();
        collection.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        collection.AddPorterService(new ServiceOptions(Path.Combine(RepositoryPaths.Samples, "porter.json"), storage), new NodaTime.Testing.FakeClock(Now));
        services = collection.BuildServiceProvider();
        dispatcher = services.GetRequiredService<ActionDispatcher>();
    }

    [GlobalCleanup]
    public void Cleanup() => services.Dispose();

    /// <summary>The floor: the database counting the messages once, reading nothing else.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> CountEveryMessage()
    {
        await using PorterDb db = StorageSetup.Open(storage);
        return await db.Messages.CountAsync();
    }

    [Benchmark]
    public async Task<int> ArrivalsChart()
    {
        await using PorterDb db = StorageSetup.Open(storage);
        return (await MessageReports.ArrivalsAsync(db, Now - Duration.FromDays(90), CancellationToken.None)).Count;
    }

    [Benchmark]
    public async Task<int> PromisesChart()
    {
        await using PorterDb db = StorageSetup.Open(storage);
        return (await MessageReports.PromisesAsync(db, Now - Duration.FromDays(90), Now, CancellationToken.None)).Count;
    }

    [Benchmark]
    public async Task<int> LoadChart()
    {
        await using PorterDb db = StorageSetup.Open(storage);
        return (await MessageReports.LoadAsync(db, Now - Duration.FromDays(90), CancellationToken.None)).Count;
    }

    /// <summary>One run of the dispatcher with nothing due: the due actions looked for, and the missed deadlines counted.</summary>
    [Benchmark]
    public Task<int> DispatcherRun() => dispatcher.RunDueAsync(CancellationToken.None);

    private static void Seed(string connectionString)
    {
        string[] clients = ["northwind", "fabrikam", "contoso", "tailspin", "adventure", "litware"];
        string[] decisions = ["deliver", "hold", "hold", "escalate", "never_answer"];
        var random = new Random(20261124);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (DbCommand pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
            pragma.ExecuteNonQuery();
        }

        const int Batch = 50_000;
        for (int start = 0; start < Messages; start += Batch)
        {
            using DbTransaction transaction = connection.BeginTransaction();
            using DbCommand message = connection.CreateCommand();
            message.Transaction = transaction;
            message.CommandText = "INSERT INTO messages (channel, \"from\", \"to\", subject, body, received_at, stored_at, client_id, decision, priority, priority_rank, deadline, hold_until, signals, reasons, done_at, answered_at, organisation_id) " +
                "VALUES ('email', $from, 'sam@riverastudio.example', $subject, $body, $received, $received, $client, $decision, 'normal', 1, $deadline, $hold, '', '[]', $answered, $answered, 1) RETURNING id";
            foreach (string name in new[] { "$from", "$subject", "$body", "$received", "$client", "$decision", "$deadline", "$hold", "$answered" })
            {
                message.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            using DbCommand action = connection.CreateCommand();
            action.Transaction = transaction;
            action.CommandText = "INSERT INTO actions (message_record_id, kind, due_at, payload, done_at, attempts, result, organisation_id) VALUES ($m, $k, $d, '{}', $d, 1, 'done', 1)";
            foreach (string name in new[] { "$m", "$k", "$d" })
            {
                action.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            for (int i = start; i < start + Batch; i++)
            {
                Instant received = Now - Duration.FromSeconds(random.NextInt64(90L * 24 * 3600));
                string? client = random.Next(8) < 6 ? clients[random.Next(clients.Length)] : null;
                string decision = decisions[random.Next(decisions.Length)];
                Instant? deadline = decision == "never_answer" ? null : received + Duration.FromHours(random.Next(1, 48));
                Instant? answered = deadline is { } d && random.Next(2) == 0 ? received + Duration.FromHours(random.Next(0, 60)) : null;
                message.Parameters["$from"].Value = client is null ? $"sender{i % 5000}@example.com" : $"contact{i % 40}@{client}.example";
                message.Parameters["$subject"].Value = $"Question {i}";
                message.Parameters["$body"].Value = "Could you have a look at the attached files and tell me what you think of the new direction?";
                message.Parameters["$received"].Value = received.ToUnixTimeTicks();
                message.Parameters["$client"].Value = (object?)client ?? DBNull.Value;
                message.Parameters["$decision"].Value = decision;
                message.Parameters["$deadline"].Value = deadline is { } dl ? dl.ToUnixTimeTicks() : DBNull.Value;
                message.Parameters["$hold"].Value = decision == "hold" ? (received + Duration.FromHours(12)).ToUnixTimeTicks() : DBNull.Value;
                message.Parameters["$answered"].Value = answered is { } a ? a.ToUnixTimeTicks() : DBNull.Value;
                long id = (long)message.ExecuteScalar()!;
                if (decision == "hold")
                {
                    foreach (string kind in new[] { "release", "auto_reply" })
                    {
                        action.Parameters["$m"].Value = id;
                        action.Parameters["$k"].Value = kind;
                        action.Parameters["$d"].Value = (received + Duration.FromHours(12)).ToUnixTimeTicks();
                        action.ExecuteNonQuery();
                    }
                }
            }

            transaction.Commit();
        }

        using DbCommand analyze = connection.CreateCommand();
        analyze.CommandText = "PRAGMA synchronous=FULL; PRAGMA optimize;";
        analyze.ExecuteNonQuery();
    }
}
