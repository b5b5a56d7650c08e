using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Testing;
using Porter.Mail;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// The change log end to end, with the real SMTP capture server: a change found in a client's message and one the
/// professional records in the dashboard become entries; each goes to the client's contacts to confirm, in working
/// hours (theirs and the professional's); the link in the mail opens the change on the client's page, where the
/// client confirms or corrects it; the client's page shows the log and the milestone moved by its change; and
/// <c>porter audit verify</c> finds an entry edited, deleted, reordered or inserted behind the service's back.
/// </summary>
public abstract partial class ChangeLogTestsBase(IDatabases databases, SmtpCapture smtp)
{
    [Fact]
    public async Task AChange_IsLogged_ConfirmedByTheClient_AndMovesItsMilestone()
    {
        StorageOptions storage = await databases.CreateAsync();
        await using PorterFactory factory = await PorterFactory.StartAsync(storage, smtp: new SmtpOptions("127.0.0.1", smtp.Port, "none"));
        using HttpClient api = factory.Authorized();
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
        string tag = Guid.NewGuid().ToString("N")[..8];

        // 1. Found in a message: Jordan (Northwind) writes of a change of plan.
        HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = new[] { "sam@riverastudio.example" }, subject = $"Launch {tag}",
            body = "Change of plan: we've decided to move the launch to February.", externalId = $"cl-{tag}",
        });
        long messageId = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        PlanChangeRecord found = await WaitForEntryAsync(factory, e => e.MessageRecordId == messageId);
        Assert.Equal(("northwind", "change", "jordan@northwind.example", "porter"), (found.ClientId, found.Kind, found.AskedBy, found.RecordedBy));
        Assert.Contains("move the launch to February", found.What, StringComparison.Ordinal);

        // 2. Recorded by Sam in the dashboard: Logo concepts moves a week.
        string page = $"/dashboard/clients/northwind/changes";
        HttpResponseMessage recorded = await Signed.PostFormAsync(sam, page, page,
            ("what", $"Logo concepts after the board meeting {tag}"), ("askedBy", "Priya"), ("askedOn", "2026-11-24"), ("milestone", "Logo concepts"), ("due", "2026-12-11"));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        string log = WebUtility.HtmlDecode(await sam.GetStringAsync(recorded.Headers.Location!.ToString()));
        Assert.Contains("recorded; Northwind", log, StringComparison.Ordinal);
        Assert.Contains("+7 days", log, StringComparison.Ordinal);

        // Each goes to Northwind's two contacts, in working hours, theirs and Sam's: 11:00 UTC is 06:00 in New York;
        // 08:00 there is 13:00 in London, Sam's lunch; so 13:30 London, 08:30 New York.
        await using (PorterDb db = factory.OpenDb())
        {
            List<ActionRecord> confirmations = await db.Actions.Where(a => a.Kind == ActionKind.ChangeConfirmation).ToListAsync();
            Assert.Equal(4, confirmations.Count);
            Assert.All(confirmations, a => Assert.Equal(Instant.FromUtc(2026, 11, 24, 13, 30), a.DueAt));
        }

        Assert.Empty(Mine(smtp.Received, tag));
        factory.Clock.AdvanceMinutes(150);
        List<MimeMessage> mails = await WaitForMineAsync(tag, 4);
        MimeMessage toPriya = Assert.Single(mails, m => m.To.Mailboxes.Single().Address == "priya@northwind.example" && (m.Subject ?? "").Contains("Logo concepts", StringComparison.Ordinal));
        string text = toPriya.TextBody ?? "";
        Assert.Contains("Logo concepts: from 4 December 2026 to 11 December 2026 (+7 days)", text, StringComparison.Ordinal);
        string link = LinkPattern().Match(text).Value;
        Assert.StartsWith("https://localhost/c/", link, StringComparison.Ordinal);
        string receipt = ReceiptPattern().Match(text).Groups[1].Value;

        // 3. The client opens the link and confirms; the other change, they correct.
        using HttpClient browser = Signed.Browser(factory);
        string path = new Uri(link).PathAndQuery;
        string changePage = await browser.GetStringAsync(path);
        Assert.Contains(receipt, changePage, StringComparison.Ordinal);
        HttpResponseMessage confirmed = await PostClientFormAsync(browser, path, ("answer", "confirm"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Contains("the change is confirmed", await browser.GetStringAsync(confirmed.Headers.Location!.ToString()), StringComparison.Ordinal);
        string foundPath = Regex.Replace(path, "/changes/\\d+", $"/changes/{found.Sequence}");
        Assert.Equal(HttpStatusCode.Redirect, (await PostClientFormAsync(browser, foundPath, ("answer", "correct"), ("correction", "We said March, not February"))).StatusCode);

        // 4. The client's page: the log with both answers, the milestone a week later, linked to its change.
        string agreement = WebUtility.HtmlDecode(await browser.GetStringAsync(path[..path.IndexOf("/changes/", StringComparison.Ordinal)]));
        Assert.Contains("corrected: We said March, not February", agreement, StringComparison.Ordinal);
        Assert.Contains("confirmed", agreement, StringComparison.Ordinal);
        Assert.Matches("11 December 2026\\s*<br><span class=\"muted moved\">agreed 4 December 2026; \\+7 days, by change \\d+", agreement);

        // 5. The chain is whole: porter audit verify says so.
        (int code, string output, _) = await AuditAsync(storage);
        Assert.Equal(0, code);
        Assert.Contains("4 entries, the chain is whole", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OldMessages_OfADatabaseFromBeforeTheChangeLog_AreNotWrittenAbout()
    {
        StorageOptions storage = await databases.CreateAsync();
        await using PorterFactory factory = await PorterFactory.StartAsync(storage);
        await using (PorterDb db = factory.OpenDb())
        {
            // A plan change of last week, stored before the service (and its change log) was started.
            db.Messages.Add(new MessageRecord
            {
                Channel = "email", From = "jordan@northwind.example", To = "sam@riverastudio.example", Subject = "Launch", Body = "Change of plan: the launch moves.",
                ReceivedAt = PorterFactory.InHours - Duration.FromDays(7), StoredAt = PorterFactory.InHours - Duration.FromDays(7), ClientId = "northwind",
                Decision = "deliver", Priority = "normal", Signals = "plan_change", Reasons = "[]",
            });
            await db.SaveChangesAsync();
        }

        using HttpClient api = factory.Authorized();
        HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = new[] { "sam@riverastudio.example" }, subject = "Launch", body = "Change of plan: we've decided to move the launch again.", externalId = "recent",
        });
        long recent = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        PlanChangeRecord entry = await WaitForEntryAsync(factory, e => e.MessageRecordId == recent);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await using (PorterDb db = factory.OpenDb())
        {
            Assert.Equal([entry.Id], await db.PlanChanges.Select(c => c.Id).ToListAsync());
        }
    }

    [Fact]
    public async Task AuditVerify_NamesTheEntry_EditedDeletedReorderedOrInserted()
    {
        StorageOptions storage = await databases.CreateAsync();
        await using (PorterFactory factory = await PorterFactory.StartAsync(storage))
        {
            await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
            using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
            for (int i = 1; i <= 4; i++)
            {
                Assert.Equal(HttpStatusCode.Redirect, (await Signed.PostFormAsync(sam, "/dashboard/clients/fabrikam/changes", "/dashboard/clients/fabrikam/changes", ("what", $"Change number {i}"))).StatusCode);
            }
        }

        Assert.Equal(0, (await AuditAsync(storage)).Code);

        // The table refuses edits and deletes; someone who drops that guard is still found out.
        await using (PorterDb db = StorageSetup.Open(storage))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE plan_changes SET what = 'x' WHERE sequence = 2"));
        }

        await TamperAsync(storage, "UPDATE plan_changes SET what = 'Nothing changed' WHERE sequence = 2");
        Assert.Equal((1, "entry 2 was edited: its content no longer matches its hash"), await ProblemAsync(storage));
        await TamperAsync(storage, "UPDATE plan_changes SET what = 'Change number 2' WHERE sequence = 2");
        Assert.Equal(0, (await AuditAsync(storage)).Code);

        // Reordered: the rows of entries 2 and 3 trade places (each keeps its content; the ids are the order written).
        await TamperAsync(storage, Swap(2, 3));
        Assert.Equal((1, "entry 2 was reordered: entry 3 stands before it"), await ProblemAsync(storage));
        await TamperAsync(storage, Swap(2, 3));
        Assert.Equal(0, (await AuditAsync(storage)).Code);

        // Inserted: a second entry 3 with other words, written last (the chain's places are unique, so that guard goes too).
        await TamperAsync(storage, "DROP INDEX \"IX_plan_changes_organisation_id_sequence\"; " +
            $"INSERT INTO plan_changes ({Columns}) SELECT {Columns.Replace("what", "'A change nobody asked for'", StringComparison.Ordinal)} FROM plan_changes WHERE sequence = 3");
        Assert.Equal((1, "entry 3 was inserted: a second entry 3 stands after entry 4"), await ProblemAsync(storage));
        await TamperAsync(storage, "DELETE FROM plan_changes WHERE id = (SELECT max(id) FROM plan_changes)");
        Assert.Equal(0, (await AuditAsync(storage)).Code);

        // Deleted.
        await TamperAsync(storage, "DELETE FROM plan_changes WHERE sequence = 3");
        Assert.Equal((1, "entry 3 was deleted: entry 4 follows entry 2"), await ProblemAsync(storage));
    }

    private const string Columns = "organisation_id, sequence, client_id, professional_id, kind, refers, what, asked_by, asked_at, recorded_by, recorded_at, moves, message_record_id, previous_hash, hash";

    /// <summary>SQL that makes the rows of entries <paramref name="a"/> and <paramref name="b"/> trade their ids, so each stands where the other was written.</summary>
    private static string Swap(long a, long b) =>
        $"CREATE TEMP TABLE swapped AS SELECT id, {Columns} FROM plan_changes WHERE sequence IN ({a}, {b}); " +
        $"DELETE FROM plan_changes WHERE sequence IN ({a}, {b}); " +
        $"INSERT INTO plan_changes (id, {Columns}) SELECT (SELECT max(s.id) + min(s.id) FROM swapped s) - id, {Columns} FROM swapped; " +
        "DROP TABLE swapped;";

    private static async Task<(int Code, string Problem)> ProblemAsync(StorageOptions storage)
    {
        (int code, _, string error) = await AuditAsync(storage);
        return (code, error[(error.IndexOf(": entry", StringComparison.Ordinal) + 2)..].Trim());
    }

    /// <summary>Changes the table as someone with the database's keys could: the append-only guard dropped first.</summary>
    protected abstract Task TamperAsync(StorageOptions storage, string sql);

    internal static async Task<(int Code, string Output, string Error)> AuditAsync(StorageOptions storage)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "porter")) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "audit", "verify", storage.Provider == DatabaseProvider.Sqlite ? "--database" : "--postgres", storage.SqlitePath ?? storage.ConnectionString })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(), error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static async Task<PlanChangeRecord> WaitForEntryAsync(PorterFactory factory, Func<PlanChangeRecord, bool> match)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await using PorterDb db = factory.OpenDb();
            if ((await db.PlanChanges.AsNoTracking().ToListAsync()).FirstOrDefault(match) is { } entry)
            {
                return entry;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("No such change log entry.");
    }

    private async Task<List<MimeMessage>> WaitForMineAsync(string tag, int count)
    {
        var clock = Stopwatch.StartNew();
        while (Mine(smtp.Received, tag).Count < count && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(200);
        }

        return Mine(smtp.Received, tag);
    }

    private static List<MimeMessage> Mine(IEnumerable<MimeMessage> mails, string tag) =>
        [.. mails.Where(m => m.Subject is not null && m.Subject.StartsWith("Change to our plan noted", StringComparison.Ordinal) && m.Subject.Contains(tag, StringComparison.Ordinal))];

    private static async Task<HttpResponseMessage> PostClientFormAsync(HttpClient browser, string page, params (string Name, string Value)[] fields)
    {
        string token = Signed.Token(await browser.GetStringAsync(page));
        using var content = new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]);
        return await browser.PostAsync(page, content);
    }

    [GeneratedRegex("https://localhost/c/[^\\s]+/changes/\\d+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("receipt ([0-9a-f]{64})")]
    private static partial Regex ReceiptPattern();
}

public sealed class SqliteChangeLogTests(SqliteDatabases databases, SmtpCapture smtp) : ChangeLogTestsBase(databases, smtp), IClassFixture<SqliteDatabases>, IClassFixture<SmtpCapture>
{
    protected override async Task TamperAsync(StorageOptions storage, string sql)
    {
        await using PorterDb db = StorageSetup.Open(storage);
#pragma warning disable EF1003 // The test's own SQL, tampering on purpose.
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS plan_changes_no_update; DROP TRIGGER IF EXISTS plan_changes_no_delete; " + sql);
#pragma warning restore EF1003
    }
}

[Collection(PostgresGroup.Name)]
public sealed class PostgresChangeLogTests(PostgresDatabases databases, SmtpCapture smtp) : ChangeLogTestsBase(databases, smtp), IClassFixture<SmtpCapture>
{
    protected override async Task TamperAsync(StorageOptions storage, string sql)
    {
        await using PorterDb db = StorageSetup.Open(storage);
#pragma warning disable EF1003 // The test's own SQL, tampering on purpose.
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS plan_changes_append_only ON plan_changes; " + sql);
#pragma warning restore EF1003
    }
}
