using System.Diagnostics;
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
/// kill -9 while a batch of scheduled mail is going out (the SMTP server takes 100 ms over each), then a restart:
/// every mail arrives, and at most one arrives twice (the one whose 250 came just before the crash, before its send
/// was recorded), with the same Message-ID. Recording the batch only after all of it was sent re-sent every mail the
/// server had already taken.
/// </summary>
public abstract class SendCrashTests(IDatabases databases, SlowSmtpCapture smtp)
{
    private const int Sends = 64;

    [Fact]
    public async Task KillWhileSending_ThenRestart_EachMailSentOnce_AtMostOneResent()
    {
        StorageOptions storage = await databases.CreateAsync();
        string key = await ServiceProcess.PrepareAsync(storage, "send-crash");
        var environment = new Dictionary<string, string>
        {
            ["Porter__Smtp__Host"] = "127.0.0.1",
            ["Porter__Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Porter__Smtp__Security"] = "none",
            ["Porter__DispatchIntervalSeconds"] = "1",
        };
        string tag = Guid.NewGuid().ToString("N")[..8];
        int atKill;
        await using (ServiceProcess first = await ServiceProcess.StartAsync(storage, environment: environment))
        {
            using HttpClient api = first.Client(key);
            HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", new
            {
                channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = $"Crash {tag}", body = "Could you send the files?",
            });
            long id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

            // All due at one instant, so the dispatcher takes them as one batch.
#pragma warning disable RS0030 // The process runs on the real clock.
            string due = InstantPattern.ExtendedIso.Format(SystemClock.Instance.GetCurrentInstant() + Duration.FromSeconds(3));
#pragma warning restore RS0030
            for (int i = 0; i < Sends; i++)
            {
                HttpResponseMessage queued = await api.PostAsJsonAsync($"/api/v1/messages/{id}/replies", new { body = $"Reply {i} of {tag}", sendAt = due });
                Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
            }

            var waited = Stopwatch.StartNew();
            while (SmtpCapture.Tagged(smtp.Received, tag).Count < 16 && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(10);
            }

            await first.KillAsync();
            atKill = SmtpCapture.Tagged(smtp.Received, tag).Count;
        }

        Assert.InRange(atKill, 16, Sends - 1);
        await using (ServiceProcess second = await ServiceProcess.StartAsync(storage, environment: environment))
        {
            var waited = Stopwatch.StartNew();
            while (SmtpCapture.Tagged(smtp.Received, tag).Select(m => m.TextBody).Distinct().Count() < Sends && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100);
            }

            await Task.Delay(TimeSpan.FromSeconds(3)); // anything sent twice would arrive by now
        }

        List<MimeMessage> received = SmtpCapture.Tagged(smtp.Received, tag);
        Assert.Equal(Sends, received.Select(m => m.TextBody!.Trim()).Distinct().Count());
        Assert.Equal(Sends, received.Select(m => m.MessageId).Distinct().Count());
        Assert.InRange(received.Count, Sends, Sends + 1);

        // A mail that went twice went with its one Message-ID (the body and the id agree).
        Assert.All(received.GroupBy(m => m.MessageId), g => Assert.Single(g.Select(m => m.TextBody!.Trim()).Distinct()));
        await using PorterDb db = StorageSetup.Open(storage);
        Assert.Equal(Sends, await db.Actions.CountAsync(a => a.Kind == Porter.Storage.Model.ActionKind.SendReply && a.DoneAt != null && a.Result!.StartsWith("sent")));
    }
}

public sealed class SqliteSendCrashTests(SqliteDatabases databases, SlowSmtpCapture smtp) : SendCrashTests(databases, smtp), IClassFixture<SqliteDatabases>, IClassFixture<SlowSmtpCapture>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresSendCrashTests(PostgresDatabases databases, SlowSmtpCapture smtp) : SendCrashTests(databases, smtp), IClassFixture<SlowSmtpCapture>;
