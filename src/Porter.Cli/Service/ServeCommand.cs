using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Porter.Configuration;
using Porter.Mail;
using Porter.Storage;
using Porter.Storage.Messages;
using Porter.Storage.Keys;
using Porter.Web;
using Porter.Web.Api;
using Porter.Web.Ingestion;
using Porter.Web.Hosting;

namespace Porter.Cli.Service;

/// <summary><c>porter serve</c>: the always-on service.</summary>
internal static class ServeCommand
{
    public static Command Create(IClock clock)
    {
        Option<string> config = Hours.HoursOptions.Config();
        Option<string> sqlite = DatabaseOptions.Sqlite();
        Option<string?> postgres = DatabaseOptions.Postgres();
        Option<string> urls = new("--urls")
        {
            Description = "Where to listen. Or set ASPNETCORE_URLS.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is { Length: > 0 } u ? u : "http://127.0.0.1:5080",
            HelpName = "URLS",
        };
        Option<string?> demo = new("--demo")
        {
            Description = "Replay the messages of this mailbox into the service, one every few seconds as if they arrived now, and print an API key to watch them with.",
            HelpName = "MAILBOX",
        };
        var command = new Command("serve", "Run the service: receive messages (IMAP, webhooks, API), decide, store each once, and do what the decisions call for. "
            + "Its settings (SMTP, IMAP, webhook secrets, PostgreSQL clustering, metrics) come from appsettings.json or environment variables such as "
            + "Porter__Smtp__Host; docs/service.md lists them.")
        {
            config, sqlite, postgres, urls, demo,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            StorageOptions storage = DatabaseOptions.From(parseResult, sqlite, postgres);
            TextWriter error = parseResult.InvocationConfiguration.Error;
            TextWriter output = parseResult.InvocationConfiguration.Output;
            SingleInstanceLock? held = null;
            try
            {
                if (storage.SqlitePath is { } path)
                {
                    held = SingleInstanceLock.Take(path);
                }

                await StorageSetup.MigrateAsync(storage, cancellationToken).ConfigureAwait(false);
                WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
                IConfigurationSection porter = builder.Configuration.GetSection("Porter");
                var options = new ServiceOptions(parseResult.GetValue(config)!, storage)
                {
                    MaxMessageBytes = porter.GetValue("MaxMessageBytes", 10L * 1024 * 1024),
                    MaxPendingMessages = porter.GetValue("MaxPendingMessages", MessageStore.DefaultCapacity),
                    Smtp = porter["Smtp:Host"] is { Length: > 0 } smtpHost
                        ? new SmtpOptions(smtpHost, porter.GetValue("Smtp:Port", 587), porter["Smtp:Security"] ?? "auto", porter["Smtp:User"], porter["Smtp:Password"])
                        : null,
                    DispatchInterval = TimeSpan.FromSeconds(porter.GetValue("DispatchIntervalSeconds", 5.0)),
                    PracticeSyncInterval = TimeSpan.FromSeconds(porter.GetValue("PracticeSyncSeconds", 1.0)),
                    InstanceId = porter["InstanceId"],
                    MailReviews = porter.GetValue("MailReviews", true),
                    UnderstandingExamples = porter["UnderstandingExamples"] is { Length: > 0 } examples ? Path.GetFullPath(examples) : null,
                    PublicBaseUrl = porter["PublicBaseUrl"] is { Length: > 0 } publicUrl ? publicUrl : parseResult.GetValue(urls)!.Split(';')[0],
                    OtlpEndpoint = porter["Otlp:Endpoint"] is { Length: > 0 } otlp ? new Uri(otlp) : null,
                    Mailboxes = [.. porter.GetSection("Imap").GetChildren().Select(m => new ImapOptions(
                        m["Host"] ?? throw new ConfigException($"Porter:Imap:{m.Key}:Host: an IMAP mailbox needs a Host (appsettings.json or Porter__Imap__{m.Key}__Host)."),
                        m.GetValue("Port", 993),
                        m["Security"] ?? "auto",
                        m["User"] ?? "",
                        m["Password"] ?? "",
                        m["Folder"] ?? "INBOX"))],
                    Webhooks = new WebhookSecrets(
                        porter["Webhooks:TwilioAuthToken"], porter["Webhooks:TwilioPublicUrl"], porter["Webhooks:StandardSecret"], porter["Webhooks:SlackSigningSecret"], porter["Webhooks:OutgoingSecret"]),
                };
                builder.WebHost.UseUrls(parseResult.GetValue(urls)!);
                builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
                builder.Logging.AddFilter("Quartz", LogLevel.Warning);
                builder.Services.AddPorterService(options, clock);
                await using WebApplication app = builder.Build();
                app.UsePorterService();
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                output.WriteLine($"Porter is serving on {string.Join(", ", app.Urls)} ({(storage.SqlitePath is { } p ? $"SQLite {Path.GetFullPath(p)}" : "PostgreSQL")}).");
                output.WriteLine($"  Dashboard: {app.Urls.First()}/dashboard");
                output.WriteLine($"  API: {app.Urls.First()}/api/v1 (OpenAPI: {app.Urls.First()}/openapi/v1.json); health: {app.Urls.First()}/health/ready");
                if (parseResult.GetValue(demo) is { } mailbox)
                {
                    string login = app.Services.GetRequiredService<Porter.Configuration.PorterConfig>().First.Professional.Addresses.FirstOrDefault() ?? "demo@porter.example";
                    string password = await UserCommand.DemoAccountAsync(storage, login).ConfigureAwait(false);
                    output.WriteLine($"  Log in as {login} with the password {password} (a new one each demo run)");
                    await using PorterDb db = StorageSetup.Open(storage);
                    string key = await ApiKeys.CreateAsync(db, $"demo-{clock.GetCurrentInstant().ToUnixTimeMilliseconds()}", clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
                    output.WriteLine($"  Demo API key: {key}");
                    output.WriteLine($"  Watch: curl -s -H 'Authorization: Bearer {key}' {app.Urls.First()}/api/v1/messages | python3 -m json.tool");
                    _ = DemoReplay.RunAsync(app.Services, mailbox, clock, output, app.Lifetime.ApplicationStopping);
                }

                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or ConfigException or IOException)
            {
                error.WriteLine($"porter serve: {e.Message}");
                return 1;
            }
            finally
            {
                held?.Dispose();
            }
        });
        return command;
    }
}
