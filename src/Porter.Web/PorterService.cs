using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Application.Messages;
using Porter.Application.Understanding;
using Porter.Storage;
using Porter.Storage.Messages;
using Porter.Mail;
using Porter.Web.Actions;
using Porter.Web.Api;
using OpenTelemetry.Metrics;
using Quartz;
using Porter.Web.Hosting;
using Porter.Web.Security;
using Porter.Web.Dashboard;
using Porter.Application.Changes;

namespace Porter.Web;

/// <summary>What the service needs to start.</summary>
/// <param name="ConfigPath">porter.json: the professional, availability, clients and agreements.</param>
/// <param name="Storage">The database.</param>
public sealed record ServiceOptions(string ConfigPath, StorageOptions Storage)
{
    /// <summary>The webhook secrets; a webhook without one is not offered.</summary>
    public WebhookSecrets Webhooks { get; init; } = new();

    /// <summary>The largest request body accepted on the message endpoints, in bytes (10 MB by default).</summary>
    public long MaxMessageBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>The SMTP server for outgoing mail (automatic replies, escalations, queued replies); none when null.</summary>
    public SmtpOptions? Smtp { get; init; }

    /// <summary>How often due actions are looked for.</summary>
    public TimeSpan DispatchInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where to push metrics with OTLP, if anywhere (they can always be scraped at /metrics).</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>The IMAP folders to read mail from.</summary>
    public IReadOnlyList<Ingestion.ImapOptions> Mailboxes { get; init; } = [];

    /// <summary>
    /// How many messages may wait for the database before new ones are refused with 503 and Retry-After (IMAP waits
    /// instead): a bounded queue, so an overload slows senders down rather than growing memory without bound.
    /// </summary>
    public int MaxPendingMessages { get; init; } = MessageStore.DefaultCapacity;

    /// <summary>How often this instance looks for changes to the practice made by other instances (one second by default).</summary>
    public TimeSpan PracticeSyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>This instance's name in a cluster (PostgreSQL); generated when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>
    /// Labelled messages (JSON Lines, as samples/labelled/messages.jsonl) the local sentence model learns from; when
    /// given, mail a person wrote is also read by the model, used where the phrase rules found nothing. Off when null.
    /// </summary>
    public string? UnderstandingExamples { get; init; }

    /// <summary>The address clients reach this service at, for links in mail (Porter:PublicBaseUrl; the first listening address when not set).</summary>
    public string PublicBaseUrl { get; init; } = "http://127.0.0.1:5000";

    /// <summary>Whether each review is mailed to the professional when its period ends (Porter:MailReviews; on by default). The dashboard shows reviews either way.</summary>
    public bool MailReviews { get; init; } = true;
}

/// <summary>
/// Composes the service: the practice read from porter.json, storage, the message store, API-key authentication,
/// the API, OpenAPI and health checks. Used by <c>porter serve</c> and by the tests' WebApplicationFactory alike.
/// </summary>
public static class PorterService
{
    /// <summary>Registers everything the service needs.</summary>
    public static IServiceCollection AddPorterService(this IServiceCollection services, ServiceOptions options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        PorterConfig config = ConfigReader.Load(options.ConfigPath, DateTimeZoneProviders.Tzdb);
        services.AddSingleton(options);
        services.AddSingleton(options.Webhooks);
        services.AddSingleton(clock);
        services.AddSingleton(config);
        services.AddPorterStorage(options.Storage);
        services.AddSingleton<PorterMetrics>();
        services.AddSingleton<Porter.Application.ChangeLog.IChangeLog>(sp => new Porter.Storage.ChangeLog.EfChangeLog(sp.GetRequiredService<IDbContextFactory<PorterDb>>()));
        services.AddHostedService<Porter.Web.Dashboard.ChangeDetector>();
        services.AddHostedService<Porter.Web.Dashboard.CadenceKeeper>();
        services.AddHostedService<Porter.Web.Dashboard.HandoverKeeper>();
        services.AddHostedService<Porter.Web.Dashboard.Notifier>();
        if (options.MailReviews)
        {
            services.AddHostedService<Porter.Web.Dashboard.ReviewKeeper>();
        }

        services.AddHostedService<Porter.Web.Dashboard.ResponseClock>();

        // Corrections of what Porter read are kept whether or not the model is on; only the model learns from them.
        services.AddSingleton<ICorrectionStore>(sp => new Porter.Storage.Understanding.EfCorrectionStore(sp.GetRequiredService<IDbContextFactory<PorterDb>>()));
        if (options.UnderstandingExamples is { } examplesPath)
        {
            services.AddHostedService<Porter.Web.Dashboard.CorrectionSync>();
            // The model loads once (about two seconds) and learns the examples before the first message is decided.
            services.AddSingleton<Porter.Understanding.MiniLmEncoder>();
            services.AddSingleton(sp =>
            {
                Porter.Understanding.MiniLmEncoder encoder = sp.GetRequiredService<Porter.Understanding.MiniLmEncoder>();
                return new TextUnderstanding(encoder, NearestExamples.Learn(encoder, LabelledExamples.Parse(File.ReadLines(examplesPath)), CancellationToken.None));
            });
        }

        services.AddSingleton(sp =>
        {
            PorterMetrics metrics = sp.GetRequiredService<PorterMetrics>();
            PracticeState state = sp.GetRequiredService<PracticeState>();
            TextUnderstanding? understanding = sp.GetService<TextUnderstanding>();
            return new MessageStore(options.Storage, Intake.Over(() => state.CurrentWithVersion, understanding is null ? null : (m, professional) => understanding.Read(m, professional)), clock, m => metrics.MessageStored(m.Decision, m.Channel), options.MaxPendingMessages);
        });
        services.AddOpenTelemetry().WithMetrics(m =>
        {
            m.AddMeter(PorterMetrics.MeterName).AddPrometheusExporter();
            if (options.OtlpEndpoint is { } otlp)
            {
                m.AddOtlpExporter(o => o.Endpoint = otlp);
            }
        });
        Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication = services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization();
        services.AddPorterDashboard(authentication);
        services.AddSingleton<ApiKeyCache>();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<PorterDb>("database");
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PorterDb>>().CreateDbContext());
        services.AddHttpClient();
        services.AddSingleton<ActionDispatcher>();
        services.AddQuartz("porter", q => ConfigureScheduler(q, options));
        services.AddSingleton<ScheduleAnnouncer>();
        services.AddHostedService(sp => sp.GetRequiredService<ScheduleAnnouncer>());
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        foreach (Ingestion.ImapOptions mailbox in options.Mailboxes)
        {
            services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(sp => ActivatorUtilities.CreateInstance<Ingestion.ImapIngestion>(sp, mailbox));
        }
        return services;
    }

    /// <summary>
    /// Durable timers: Quartz.NET with its persistent store, in a SQLite file of its own beside Porter's for one
    /// instance, or clustered in the PostgreSQL database for several. One recurring job does the due actions.
    /// </summary>
    private static void ConfigureScheduler(IQuartzBuilder quartz, ServiceOptions options)
    {
        quartz.ConfigureScheduler(o =>
        {
            o.InstanceName = "porter";
            if (options.InstanceId is { } id)
            {
                o.InstanceId = id;
            }
            else
            {
                o.GenerateInstanceId = true;
            }
        });
        quartz.UsePersistentStore(store =>
        {
            store.UseSystemTextJsonSerializer();
            if (options.Storage.SqlitePath is { } path)
            {
                store.UseSqlite(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.ChangeExtension(path, ".quartz.db") }.ToString());
            }
            else
            {
                store.UsePostgres(options.Storage.ConnectionString);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(2);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(10);
                });
            }

            store.ProvisionSchema();
        });
        quartz.AddJob(typeof(DispatchJob), j => j.WithIdentity(DispatchJob.Key).StoreDurably());
        quartz.AddTrigger(t => t
            .ForJob(DispatchJob.Key)
            .WithIdentity("dispatch-actions-every-interval", "porter")
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(options.DispatchInterval).RepeatForever()));
    }

    private static readonly string[] ProgramPaths = ["/api", "/webhooks", "/health", "/metrics", "/openapi"];

    private static bool IsForPeople(HttpContext context)
    {
        foreach (string path in ProgramPaths)
        {
            if (context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The request pipeline and the endpoints.</summary>
    public static void UsePorterService(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ServiceOptions options = app.ApplicationServices.GetRequiredService<ServiceOptions>();
        app.UseSecurityHeaders();
        // Every cookie is Secure (the __Host- prefix requires it). Browsers accept Secure cookies from http://127.0.0.1
        // and http://localhost, which they treat as secure; anywhere else Porter must be reached over HTTPS.
        app.UseCookiePolicy(new CookiePolicyOptions { Secure = Microsoft.AspNetCore.Http.CookieSecurePolicy.Always, HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always });
        app.UseExceptionHandler();
        // People get a page for an error status; programs (API, webhooks, health, metrics) get problem details.
        app.UseWhen(IsForPeople, people => people.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseWhen(c => !IsForPeople(c), programs => programs.UseStatusCodePages());
        app.UseBodyLimit(options.MaxMessageBytes);
        app.UseOverloadAnswer();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseEndpoints(endpoints =>
        {
            MessagesApi.Map(endpoints);
            Webhooks.Map(endpoints);
            RepliesApi.Map(endpoints);
            MailApi.Map(endpoints);
            ClientsApi.Map(endpoints);
            PracticeApi.Map(endpoints);
            endpoints.MapOpenApi("/openapi/{documentName}.json");
            endpoints.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization();
            endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
            endpoints.MapHealthChecks("/health/ready");
            endpoints.MapPorterDashboard();
            // The dashboard is the front door; the API is under /api/v1 (OpenAPI: /openapi/v1.json), health at /health/ready.
            endpoints.MapGet("/", () => Results.Redirect("/dashboard")).ExcludeFromDescription();
        });
    }
}
