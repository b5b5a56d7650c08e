using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;
using Porter.Mail;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Testing;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// Notifications to the professional by email, through the SMTP capture server: an emergency in hours at once, a
/// deadline half an hour before it passes, each once; nothing while in Focus, and what is still due when Focus ends.
/// </summary>
public abstract class NotificationTestsBase(IDatabases databases, SmtpCapture smtp)
{
    private const string Sam = "sam@riverastudio.example";

    [Fact]
    public async Task Emergencies_AndDeadlinesAboutToPass_AreTold_ButNotInFocus()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), smtp: new SmtpOptions("127.0.0.1", smtp.Port, "none"));
        using HttpClient api = factory.Authorized();
        await Signed.CreateUserAsync(factory, Sam);
        using HttpClient sam = await Signed.InAsync(factory, Sam);
        string tag = Guid.NewGuid().ToString("N")[..8];

        // Tuesday 11:00, in hours: Jordan texts an emergency on the urgent channel; Sam hears of it at once.
        long urgent = await PostAsync(api, new { channel = "sms", from = "+1 212 555 0142", body = $"Our website is down! {tag}-1" });
        MimeMessage notice = await MailAsync($"{tag}-1");
        Assert.Equal(Sam, notice.To.Mailboxes.Single().Address);
        Assert.StartsWith("[Porter] Urgent from +1 212 555 0142", notice.Subject, StringComparison.Ordinal);
        Assert.Equal("auto-generated", notice.Headers["Auto-Submitted"]);
        Assert.Contains($"https://localhost/dashboard/messages/{urgent}", notice.TextBody, StringComparison.Ordinal);

        // An email promised in 8 working hours (lunch and Tuesday's 15:00 break not counted).
        long question = await PostAsync(api, new { channel = "email", from = "jordan@northwind.example", to = new[] { Sam }, subject = $"Mockups {tag}-2", body = "Could you send the latest mockups?" });
        Instant deadline;
        await using (PorterDb db = factory.OpenDb())
        {
            deadline = (await db.Messages.SingleAsync(m => m.Id == question)).Deadline!.Value;
        }

        // Due Wednesday 13:30, when Sam is back from lunch: the warning goes while 30 minutes of working time are left (before lunch).
        Assert.Equal(Instant.FromUtc(2026, 11, 25, 13, 30), deadline);
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 25, 11, 30));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(Mine($"Mockups {tag}-2"));
        factory.Clock.Reset(Instant.FromUtc(2026, 11, 25, 12, 5));
        MimeMessage warning = await MailAsync($"Mockups {tag}-2");
        Assert.Equal($"[Porter] Due in 25m of working time: Mockups {tag}-2", warning.Subject);

        // Focus: an emergency is not told while it lasts; when Focus ends (within two hours of it), it is.
        Assert.Equal(HttpStatusCode.Redirect, (await Signed.PostFormAsync(sam, "/dashboard", "/dashboard?handler=Status", ("status", "focus"))).StatusCode);
        await PostAsync(api, new { channel = "sms", from = "+1 212 555 0142", body = $"Checkout is broken, urgent! {tag}-3" });
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(Mine($"{tag}-3"));
        Assert.Equal(HttpStatusCode.Redirect, (await Signed.PostFormAsync(sam, "/dashboard", "/dashboard?handler=Status", ("status", "available"))).StatusCode);
        await MailAsync($"{tag}-3");

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Single(Mine($"{tag}-1"), m => m.To.Mailboxes.Any(a => a.Address == Sam));
        Assert.Single(Mine($"Mockups {tag}-2"));
        await using (PorterDb db = factory.OpenDb())
        {
            Assert.Equal(3, await db.Notifications.CountAsync());
        }
    }

    private List<MimeMessage> Mine(string text) =>
        [.. smtp.Received.Where(m => m.To.Mailboxes.Any(a => a.Address == Sam) && (m.Subject?.Contains(text, StringComparison.Ordinal) == true || m.TextBody?.Contains(text, StringComparison.Ordinal) == true))];

    private async Task<MimeMessage> MailAsync(string text)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (Mine(text) is [var found, ..])
            {
                return found;
            }

            await Task.Delay(200);
        }

        throw new Xunit.Sdk.XunitException($"no notification about {text} within 20 s");
    }

    private static async Task<long> PostAsync(HttpClient api, object message)
    {
        HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", message);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}

public sealed class SqliteNotificationTests(SqliteDatabases databases, SmtpCapture smtp) : NotificationTestsBase(databases, smtp), IClassFixture<SqliteDatabases>, IClassFixture<SmtpCapture>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresNotificationTests(PostgresDatabases databases, SmtpCapture smtp) : NotificationTestsBase(databases, smtp), IClassFixture<SmtpCapture>;
