using System.Data.Common;
using System.Diagnostics;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Messages;
using Porter.Testing;

namespace Porter.Benchmarks;

/// <summary>
/// Search over one million stored messages (SQLite, the embedded default) whose words are real: the subjects, senders
/// and first 600 characters of the bodies of the linux-mips mailing-list sample (../shared/corpus), repeated to a
/// million over the last 90 days, six clients and strangers, every decision, half answered. Seeded once into the
/// system's temporary folder and reused.
/// <para>
/// The BenchmarkDotNet figures compare one search of each kind with the queue's own query in the same run. The latency
/// distribution (p50, p95, p99, max) of 2,000 searches, each timed alone, words drawn at random from the corpus's
/// vocabulary with random filters (one in five filters alone), is printed after the run and written to search-latency.txt beside the database.
/// </para>
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class SearchBenchmarks
{
    /// <summary>How many messages are stored.</summary>
    public const int Messages = 1_000_000;

    private static readonly Instant Now = Instant.FromUtc(2026, 11, 24, 12, 0);
    private static readonly string[] Clients = ["northwind", "fabrikam", "contoso", "tailspin", "adventure", "litware"];
    private StorageOptions storage = null!;
    private string path = null!;

    /// <summary>Seeds (once), then measures the latency distribution: in the baseline's process only, so once a run.</summary>
    [GlobalSetup(Target = nameof(Queue))]
    public void SetupAndMeasureLatencies()
    {
        Setup();
        Latencies();
    }

    [GlobalSetup(Targets = [nameof(RareWord), nameof(CommonWord), nameof(WordsAndFilters), nameof(FiltersAlone)])]
    public void Setup()
    {
        path = Path.Combine(Path.GetTempPath(), $"porter-bench-search-{Messages}-v1.db");
        storage = StorageOptions.Sqlite(path);
        if (!File.Exists(path + ".done"))
        {
            File.Delete(path);
            StorageSetup.MigrateAsync(storage).GetAwaiter().GetResult();
            var clock = Stopwatch.StartNew();
            Seed(storage.ConnectionString, Corpus());
            Console.WriteLine($"// seeded {Messages:N0} messages in {clock.Elapsed.TotalSeconds:N0} s ({new FileInfo(path).Length / 1e6:N0} MB)");
            File.WriteAllText(path + ".done", "");
        }
    }

    /// <summary>The floor: the queue's own query (waiting messages, soonest deadline first, the first 200).</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> Queue()
    {
        await using PorterDb db = StorageSetup.Open(storage);
        return (await db.Messages.AsNoTracking().Waiting(Now).OrderBy(m => m.Deadline).Take(200).ToListAsync()).Count;
    }

    /// <summary>A word in about one message in a thousand.</summary>
    [Benchmark]
    public Task<int> RareWord() => Search(new MessageFilter("bootloader"));

    /// <summary>A word in about a quarter of the messages.</summary>
    [Benchmark]
    public Task<int> CommonWord() => Search(new MessageFilter("kernel"));

    /// <summary>Two words, one client, waiting only.</summary>
    [Benchmark]
    public Task<int> WordsAndFilters() => Search(new MessageFilter("cache flush", ClientId: "northwind", Status: "waiting"));

    /// <summary>Filters alone: a client's answered messages.</summary>
    [Benchmark]
    public Task<int> FiltersAlone() => Search(new MessageFilter(null, ClientId: "fabrikam", Status: "answered"));

    private async Task<int> Search(MessageFilter filter)
    {
        await using PorterDb db = StorageSetup.Open(storage);
        return (await MessageSearch.FindAsync(db, filter, CancellationToken.None)).Count;
    }

    /// <summary>2,000 searches, each timed alone; the distribution printed and written beside the database.</summary>
    private void Latencies()
    {
        List<string> words = Vocabulary();
        var random = new Random(20261202);
        var filters = new List<MessageFilter>();
        for (int i = 0; i < 2_000; i++)
        {
            string? text = random.Next(5) == 0 ? null // filters alone
                : random.Next(3) == 0 ? $"{words[random.Next(words.Count)]} {words[random.Next(words.Count)]}" : words[random.Next(words.Count)];
            filters.Add(new MessageFilter(
                text,
                random.Next(3) == 0 ? Clients[random.Next(Clients.Length)] : null,
                random.Next(8) == 0 ? "after_hours" : null,
                random.Next(6) == 0 ? "deliver" : null,
                random.Next(4) switch { 0 => "waiting", 1 => "answered", _ => null }));
        }

        foreach (MessageFilter filter in filters.Take(100))
        {
            Search(filter).GetAwaiter().GetResult();
        }

        var times = new List<double>();
        foreach (MessageFilter filter in filters)
        {
            var clock = Stopwatch.StartNew();
            Search(filter).GetAwaiter().GetResult();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        double P(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
        string line = $"search latency over {Messages:N0} messages, {times.Count:N0} searches each timed alone: p50 {P(0.5):N1} ms, p95 {P(0.95):N1} ms, p99 {P(0.99):N1} ms, max {times[^1]:N1} ms";
        Console.WriteLine("// " + line);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "search-latency.txt"), line + Environment.NewLine);
    }

    /// <summary>Words of the corpus's subjects, four letters or more, as people would search them (each once per occurrence, so common words come up more often).</summary>
    private static List<string> Vocabulary() =>
        [.. Corpus().SelectMany(m => m.Subject.Split([' ', ':', ',', '[', ']', '(', ')', '"', '/', '.'], StringSplitOptions.RemoveEmptyEntries))
            .Where(w => w.Length >= 4 && w.All(char.IsLetterOrDigit))
            .Select(w => w.ToLowerInvariant())];

    private static List<(string From, string Subject, string Body)> corpus = [];

    /// <summary>The linux-mips sample's messages: sender, subject, and the body's first 600 characters.</summary>
    private static List<(string From, string Subject, string Body)> Corpus()
    {
        if (corpus.Count > 0)
        {
            return corpus;
        }

        string file = Path.Combine(RepositoryPaths.Shared, "corpus", "linux-mips-list", "linux-mips-sample.mboxrd.gz");
        using var gz = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        var parser = new MimeParser(gz, MimeFormat.Mbox);
        var list = new List<(string, string, string)>();
        while (!parser.IsEndOfStream)
        {
            try
            {
                using MimeMessage m = parser.ParseMessage();
                string body = m.TextBody ?? "";
                list.Add((m.From.Mailboxes.FirstOrDefault()?.Address ?? "someone@example.org", m.Subject ?? "", body.Length <= 600 ? body : body[..600]));
            }
            catch (FormatException)
            {
                break;
            }
        }

        corpus = list;
        return list;
    }

    private static void Seed(string connectionString, List<(string From, string Subject, string Body)> texts)
    {
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
            message.CommandText = "INSERT INTO messages (channel, \"from\", \"to\", subject, body, received_at, stored_at, client_id, decision, priority, priority_rank, deadline, hold_until, signals, reasons, done_at, answered_at, organisation_id, minutes_spent) " +
                "VALUES ('email', $from, 'sam@riverastudio.example', $subject, $body, $received, $received, $client, $decision, 'normal', 1, $deadline, $hold, $signals, '[]', $answered, $answered, 1, 0)";
            foreach (string name in new[] { "$from", "$subject", "$body", "$received", "$client", "$decision", "$deadline", "$hold", "$signals", "$answered" })
            {
                message.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            for (int i = start; i < start + Batch; i++)
            {
                (string from, string subject, string body) = texts[i % texts.Count];
                Instant received = Now - Duration.FromSeconds(random.NextInt64(90L * 24 * 3600));
                string? client = random.Next(8) < 6 ? Clients[random.Next(Clients.Length)] : null;
                string decision = decisions[random.Next(decisions.Length)];
                Instant? deadline = decision == "never_answer" ? null : received + Duration.FromHours(random.Next(1, 48));
                Instant? answered = deadline is { } d && random.Next(2) == 0 ? received + Duration.FromHours(random.Next(0, 60)) : null;
                message.Parameters["$from"].Value = from;
                message.Parameters["$subject"].Value = subject;
                message.Parameters["$body"].Value = body;
                message.Parameters["$received"].Value = received.ToUnixTimeTicks();
                message.Parameters["$client"].Value = (object?)client ?? DBNull.Value;
                message.Parameters["$decision"].Value = decision;
                message.Parameters["$deadline"].Value = deadline is { } dl ? dl.ToUnixTimeTicks() : DBNull.Value;
                message.Parameters["$hold"].Value = decision == "hold" ? (received + Duration.FromHours(12)).ToUnixTimeTicks() : DBNull.Value;
                message.Parameters["$signals"].Value = random.Next(4) == 0 ? "after_hours" : "";
                message.Parameters["$answered"].Value = answered is { } a ? a.ToUnixTimeTicks() : DBNull.Value;
                message.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        using DbCommand analyze = connection.CreateCommand();
        analyze.CommandText = "PRAGMA synchronous=FULL; PRAGMA optimize;";
        analyze.ExecuteNonQuery();
    }
}
