using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Testing;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// Conversations in the dashboard: an email thread by References/In-Reply-To with the replies written in it, a
/// client's messages on every channel (answered ones too), and attachments kept and offered as downloads only.
/// </summary>
public abstract class ConversationTestsBase(IDatabases databases)
{
    private const string Pdf = "JVBERi0xLjQKJcOkw7zDtsOfCg=="; // "%PDF-1.4\n%äüöß\n"

    [Fact]
    public async Task Threads_History_AndAttachments_AreKeptAndShown()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), maxMessageBytes: 1024 * 1024);
        using HttpClient api = factory.Authorized();
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        long brief = await MailAsync(api, "Brief for the spring range", "<c1@northwind.example>", "",
            "Here is the brief; could you look at it this week?",
            ("brief.pdf", "application/pdf", Pdf), ("look.html", "text/html", Convert.ToBase64String("<script>alert(1)</script>"u8.ToArray())));
        long reply = await MailAsync(api, "Re: Brief for the spring range", "<c2@northwind.example>", "In-Reply-To: <c1@northwind.example>\r\nReferences: <c1@northwind.example>\r\n",
            "One more thing: the deadline is Friday.");
        long other = await MailAsync(api, "Invoice 42", "<c3@northwind.example>", "", "Could you send the invoice again?");
        HttpResponseMessage text = await api.PostAsJsonAsync("/api/v1/messages", new { channel = "sms", from = "+1 212 555 0142", body = "Call me when you can about the brief" });
        long sms = (await text.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        HttpResponseMessage lena = await api.PostAsJsonAsync("/api/v1/messages", new { channel = "email", from = "lena@fabrikam.example", to = new[] { "sam@riverastudio.example" }, subject = "Covers", body = "The covers look great." });
        Assert.True(lena.IsSuccessStatusCode);

        await using (PorterDb db = factory.OpenDb())
        {
            Dictionary<long, string?> keys = await db.Messages.Where(m => new[] { brief, reply, other, sms }.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.ThreadKey);
            Assert.Equal("<c1@northwind.example>", keys[brief]);
            Assert.Equal(keys[brief], keys[reply]);
            Assert.Equal("<c3@northwind.example>", keys[other]);
            Assert.Equal("sms:+1 212 555 0142", keys[sms]);
        }

        // Sam answers the brief and marks the follow-up answered: both stay in the conversation.
        Assert.Equal(HttpStatusCode.Redirect, (await Signed.PostFormAsync(sam, $"/dashboard/messages/{brief}", $"/dashboard/messages/{brief}?handler=Reply", ("body", "Thanks, I will read it on Thursday."), ("when", "now"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Signed.PostFormAsync(sam, $"/dashboard/messages/{reply}", $"/dashboard/messages/{reply}?handler=Done", ("done", "true"))).StatusCode);

        string thread = WebUtility.HtmlDecode(await sam.GetStringAsync($"/dashboard/messages/{reply}"));
        Assert.Contains($"<a href=\"/dashboard/messages/{brief}\">Brief for the spring range</a>", thread, StringComparison.Ordinal);
        Assert.Contains("Thanks, I will read it on Thursday.", thread, StringComparison.Ordinal);
        Assert.DoesNotContain("Invoice 42", thread, StringComparison.Ordinal);

        // The client's history: every channel, answered ones too, not another client's.
        string history = WebUtility.HtmlDecode(await sam.GetStringAsync("/dashboard/clients/northwind/history"));
        foreach (string shown in new[] { "Brief for the spring range", "Re: Brief for the spring range", "Invoice 42", "Call me when you can about the brief", "Thanks, I will read it on Thursday." })
        {
            Assert.Contains(shown, history, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Covers", history, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync("/dashboard/clients/nobody/history")).StatusCode);

        // Attachments: listed on the message, downloaded as files only, whatever the sender declared.
        string page = WebUtility.HtmlDecode(await sam.GetStringAsync($"/dashboard/messages/{brief}"));
        Assert.Contains("brief.pdf", page, StringComparison.Ordinal);
        long[] files;
        await using (PorterDb db = factory.OpenDb())
        {
            files = [.. await db.Attachments.Where(a => a.MessageRecordId == brief).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync()];
        }

        Assert.Equal(2, files.Length);
        HttpResponseMessage pdf = await sam.GetAsync($"/dashboard/messages/{brief}/attachments/{files[0]}");
        Assert.Equal(Convert.FromBase64String(Pdf), await pdf.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("brief.pdf", pdf.Content.Headers.ContentDisposition.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName);
        HttpResponseMessage html = await sam.GetAsync($"/dashboard/messages/{brief}/attachments/{files[1]}");
        Assert.Equal("application/octet-stream", html.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", html.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", html.Headers.GetValues("X-Content-Type-Options").Single());
        // Another message's id with this file's: not found.
        Assert.Equal(HttpStatusCode.NotFound, (await sam.GetAsync($"/dashboard/messages/{reply}/attachments/{files[0]}")).StatusCode);
    }

    private static async Task<long> MailAsync(HttpClient api, string subject, string messageId, string threading, string body, params (string Name, string Type, string Base64)[] files)
    {
        string head = $"From: Jordan Lee <jordan@northwind.example>\r\nTo: sam@riverastudio.example\r\nSubject: {subject}\r\nMessage-ID: {messageId}\r\n{threading}" +
            "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n";
        string mime = files.Length == 0
            ? head + $"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
            : head + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" + $"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n" +
                string.Concat(files.Select(f => $"--b1\r\nContent-Type: {f.Type}; name=\"{f.Name}\"\r\nContent-Disposition: attachment; filename=\"{f.Name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{f.Base64}\r\n")) + "--b1--\r\n";
        using var content = new StringContent(mime);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
        HttpResponseMessage posted = await api.PostAsync("/api/v1/mail", content);
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}

public sealed class SqliteConversationTests(SqliteDatabases databases) : ConversationTestsBase(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresConversationTests(PostgresDatabases databases) : ConversationTestsBase(databases);
