using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Porter.Storage;
using Porter.Testing;

namespace Porter.Web.Tests;

/// <summary>The real <c>porter serve</c> process, started on a free loopback port over a given database.</summary>
internal sealed class ServiceProcess : IAsyncDisposable
{
    public const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ServiceProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>Makes the database ready (migrated) and an API key for it, as an operator would before starting the service.</summary>
    public static async Task<string> PrepareAsync(StorageOptions storage, string keyName)
    {
        await StorageSetup.MigrateAsync(storage);
        await using PorterDb db = StorageSetup.Open(storage);
        return await Porter.Storage.Keys.ApiKeys.CreateAsync(db, keyName, NodaTime.Instant.FromUnixTimeSeconds(0));
    }

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Starts <c>porter serve</c> and waits until it answers /health/ready.</summary>
    /// <param name="storage">The database.</param>
    /// <param name="port">The loopback port; a free one when null.</param>
    /// <param name="environment">Settings (Porter__…) for the process.</param>
    /// <param name="config">porter.json: a copy of the demo's of its own when null (an instance writes the practice in force back to its file).</param>
    public static async Task<ServiceProcess> StartAsync(StorageOptions storage, int? port = null, IReadOnlyDictionary<string, string>? environment = null, string? config = null)
    {
        config ??= PorterFactory.CopyOfDemoConfig();
        int chosen = port ?? Loopback.FreePort();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "porter"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (string argument in new[] { "serve", "--config", config, "--urls", $"http://127.0.0.1:{chosen}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(storage.Provider == DatabaseProvider.Sqlite ? "--database" : "--postgres");
        start.ArgumentList.Add(storage.SqlitePath ?? storage.ConnectionString);
        start.Environment["Porter__Webhooks__StandardSecret"] = StandardSecret;
        // The reviews of periods that ended in the last three days would be mailed to the demo's professional; only the review tests want them.
        start.Environment["Porter__MailReviews"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Where start-up got to ("Now listening on", "Application started"), in the log a timeout shows.
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["DOTNET_hostBuilder__reloadConfigOnChange"] = "false";
        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
#pragma warning disable CA2000 // Returned to the caller, who disposes it; disposed here when it never becomes ready.
        var service = new ServiceProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{chosen}"));
#pragma warning restore CA2000
        using var client = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(2) };

        // A time, not a number of tries: a refused connection returns at once, and with the whole suite running on two
        // cores a process has taken more than 15 s to start (loading, migrating, Quartz's tables on PostgreSQL).
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartTimeout)
        {
            if (service.process.HasExited)
            {
                throw new InvalidOperationException($"porter serve exited ({service.process.ExitCode}):\n{service.Log}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        await service.DisposeAsync();
        throw new TimeoutException($"porter serve did not become ready in {StartTimeout.TotalSeconds:0} s:\n{service.Log}");
    }

    /// <summary>A client of this process's API with an API key.</summary>
    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>kill -9: no shutdown, no flushing, nothing.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Posts a message to the Standard Webhooks endpoint, signed now.</summary>
    public static async Task<HttpResponseMessage> PostSignedAsync(HttpClient client, string id, string body)
    {
        // The service runs on the real clock, so the signature must be made on it too.
#pragma warning disable RS0030
        long timestamp = NodaTime.SystemClock.Instance.GetCurrentInstant().ToUnixTimeSeconds();
#pragma warning restore RS0030
        string signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(
            Convert.FromBase64String(StandardSecret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/standard") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        return await client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }


    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.AppendLine(line);
            }
        }
    }
}
