using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NodaTime;
using NodaTime.Testing;
using Porter.Mail;
using Porter.Storage;
using Porter.Storage.Keys;
using Porter.Testing;
using Porter.Web.Api;

namespace Porter.Web.Tests;

/// <summary>
/// The service in memory (WebApplicationFactory) over a real database of either provider, with the demo practice
/// (samples/porter.json), a fake clock and an API key.
/// </summary>
internal sealed class PorterFactory : WebApplicationFactory<Program>
{
    /// <summary>Tue 24 Nov 2026 11:00 in London: working hours.</summary>
    public static readonly Instant InHours = Instant.FromUtc(2026, 11, 24, 11, 0);

    private PorterFactory(StorageOptions storage, string key, WebhookSecrets webhooks)
    {
        Storage = storage;
        Key = key;
        Webhooks = webhooks;
    }

    public WebhookSecrets Webhooks { get; }

    public FakeClock Clock { get; } = new(InHours);

    public StorageOptions Storage { get; }

    public string Key { get; }

    public long MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>How many messages may wait for the database before more are refused with 503.</summary>
    public int MaxPendingMessages { get; init; } = Porter.Storage.Messages.MessageStore.DefaultCapacity;

    /// <summary>porter.json: a copy of the demo's unless a test says otherwise (the service writes the practice in force back to it).</summary>
    public string ConfigPath { get; init; } = CopyOfDemoConfig();

    /// <summary>The IMAP folders to read.</summary>
    public IReadOnlyList<Porter.Web.Ingestion.ImapOptions> Mailboxes { get; init; } = [];

    /// <summary>Labelled examples that switch the local model on (Porter:UnderstandingExamples); off when null.</summary>
    public string? UnderstandingExamples { get; init; }

    /// <summary>Where outgoing mail goes, if anywhere.</summary>
    public SmtpOptions? Smtp { get; init; }

    /// <summary>Whether reviews are mailed when their period ends (off unless a test is about them: with the clock moved, one would come round in other tests).</summary>
    public bool MailReviews { get; init; }

    /// <summary>A fresh database (migrated, with one API key) and the service over it.</summary>
    public static async Task<PorterFactory> StartAsync(
        StorageOptions storage, WebhookSecrets? webhooks = null, SmtpOptions? smtp = null, IReadOnlyList<Porter.Web.Ingestion.ImapOptions>? mailboxes = null, string? config = null,
        long maxMessageBytes = 64 * 1024, int maxPendingMessages = Porter.Storage.Messages.MessageStore.DefaultCapacity, string? understandingExamples = null,
        bool mailReviews = false)
    {
        await StorageSetup.MigrateAsync(storage);
        await using PorterDb db = StorageSetup.Open(storage);
        string key = await ApiKeys.CreateAsync(db, "tests-" + Guid.NewGuid().ToString("N")[..8], InHours);
        return new PorterFactory(storage, key, webhooks ?? new WebhookSecrets())
        {
            Smtp = smtp, Mailboxes = mailboxes ?? [], ConfigPath = config ?? CopyOfDemoConfig(),
            MaxMessageBytes = maxMessageBytes, MaxPendingMessages = maxPendingMessages, UnderstandingExamples = understandingExamples,
            MailReviews = mailReviews,
        };
    }

    /// <summary>A copy of the demo's porter.json and its holiday calendar in a folder of its own, for tests that change settings.</summary>
    public static string CopyOfDemoConfig()
    {
        string folder = Directory.CreateTempSubdirectory("porter-config-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "holidays"));
        File.Copy(Path.Combine(RepositoryPaths.Samples, "porter.json"), Path.Combine(folder, "porter.json"));
        File.Copy(Path.Combine(RepositoryPaths.Samples, "holidays", "england-and-wales-2026-2027.ics"), Path.Combine(folder, "holidays", "england-and-wales-2026-2027.ics"));
        return Path.Combine(folder, "porter.json");
    }

    /// <summary>A copy of the two-professional sample (samples/team/porter.json) in a folder of its own.</summary>
    public static string CopyOfTeamConfig()
    {
        string folder = Directory.CreateTempSubdirectory("porter-team-").FullName;
        File.Copy(Path.Combine(RepositoryPaths.Samples, "team", "porter.json"), Path.Combine(folder, "porter.json"));
        return Path.Combine(folder, "porter.json");
    }

    /// <summary>Serves over real HTTP on a free loopback port (for the browser); returns the address.</summary>
    public Uri ServeOverHttp()
    {
        int port = Loopback.FreePort();
        UseKestrel(port);
        StartServer();
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>A client that sends the API key.</summary>
    public HttpClient Authorized()
    {
        HttpClient client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }

    public PorterDb OpenDb() => StorageSetup.Open(Storage);

    // No configuration file watchers: the tests start hundreds of hosts, and each watcher is an inotify instance
    // (128 per user by default); nothing here changes appsettings.json while a host runs.
    protected override IHostBuilder CreateHostBuilder() => Host.CreateDefaultBuilder()
        .ConfigureHostConfiguration(c => c.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]))
        .ConfigureWebHostDefaults(web => web
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureServices(services => services.AddPorterService(
                new ServiceOptions(ConfigPath, Storage) { MaxMessageBytes = MaxMessageBytes, MaxPendingMessages = MaxPendingMessages, Webhooks = Webhooks, Smtp = Smtp, Mailboxes = Mailboxes, DispatchInterval = TimeSpan.FromMilliseconds(500), UnderstandingExamples = UnderstandingExamples, PublicBaseUrl = "https://localhost", MailReviews = MailReviews }, Clock))
            .Configure(app => app.UsePorterService()));
}

/// <summary>Where a test's database lives: a SQLite file, or a database on the shared PostgreSQL server.</summary>
public interface IDatabases
{
    Task<StorageOptions> CreateAsync();
}

public sealed class SqliteDatabases : IDatabases, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("porter-sqlite-").FullName;

    public Task<StorageOptions> CreateAsync() =>
        Task.FromResult(StorageOptions.Sqlite(Path.Combine(folder, Guid.NewGuid().ToString("N")[..8] + ".db")));

    public void Dispose() => Directory.Delete(folder, recursive: true);
}

public sealed class PostgresDatabases : IDatabases, IAsyncLifetime
{
    private readonly PostgresServer server = new();

    public async Task<StorageOptions> CreateAsync() => new(DatabaseProvider.Postgres, await server.CreateDatabaseAsync());

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();
}
