using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Porter.Application.Access;
using Porter.Storage;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// Several professionals in one organisation (samples/team: Sam's client Northwind, Kim's client Contoso), and three
/// people: the owner, Kim (a professional) and Kim's assistant. Over every route of the dashboard and the API, every
/// page handler (found by reflection, so a new one fails this test until it is listed), each person gets what their
/// role allows and nothing else: Sam's work reads as missing to Kim and her assistant (404, and no answer names Sam's
/// client or mail), what a role may not change is refused (403, saying why), and a refused call changes nothing:
/// no file, setting, action, message or account.
/// </summary>
public abstract class RoleTests(IDatabases databases)
{
    private const int Skip = 0;

    /// <summary>Words of Sam's work that no answer to Kim or her assistant may contain.</summary>
    private static readonly string[] SamsWork = ["Northwind", "jordan@", "Logo files"];

    private sealed record Ids(long SamsMessage, long KimsMessage, List<KeyValuePair<string, string>> ContosoForm, List<KeyValuePair<string, string>> NorthwindForm)
    {
        public long SamsFile { get; init; }

        public long KimsFile { get; init; }
    }

    private sealed record Call(string Name, Func<HttpClient, Ids, Task<HttpResponseMessage>> Send, int Owner, int Kim, int Assistant);

    private static Call C(string name, Func<HttpClient, Ids, Task<HttpResponseMessage>> send, int owner, int kim, int assistant) => new(name, send, owner, kim, assistant);

    /// <summary>Every page handler, and how each person calls it (often on Kim's work and on Sam's), with the status each should get (0: not called).</summary>
    private static readonly Dictionary<string, Call[]> Handlers = new(StringComparer.Ordinal)
    {
        ["Index.Get"] = [C("queue", (c, _) => c.GetAsync("/dashboard"), 200, 200, 200)],
        ["Index.PostStatus"] =
        [
            C("Kim's status", (c, _) => Post(c, "/dashboard?handler=Status", ("status", "focus"), ("professional", "kim")), 302, 302, 403),
            C("Sam's status", (c, _) => Post(c, "/dashboard?handler=Status", ("status", "focus"), ("professional", "sam")), 302, 404, 404),
        ],
        ["Account.Get"] = [C("account", (c, _) => c.GetAsync("/dashboard/account"), 200, 200, 200)],
        ["Account.Post"] = [C("wrong password", (c, _) => Post(c, "/dashboard/account", ("current", "not the password"), ("password", "a new long passphrase"), ("confirm", "a new long passphrase")), 200, 200, 200)],
        ["Clients.Get"] = [C("clients", (c, _) => c.GetAsync("/dashboard/clients"), 200, 200, 200)],
        ["Message.Get"] =
        [
            C("Kim's message", (c, i) => c.GetAsync($"/dashboard/messages/{i.KimsMessage}"), 200, 200, 200),
            C("Sam's message", (c, i) => c.GetAsync($"/dashboard/messages/{i.SamsMessage}"), 200, 404, 404),
        ],
        ["Message.PostDraft"] =
        [
            C("draft for Kim", (c, i) => Post(c, $"/dashboard/messages/{i.KimsMessage}?handler=Draft", ("body", "Here are the dielines.")), 302, 302, 302),
            C("draft for Sam", (c, i) => Post(c, $"/dashboard/messages/{i.SamsMessage}?handler=Draft", ("body", "x")), 302, 404, 404),
        ],
        ["Message.PostReply"] =
        [
            C("reply for Kim", (c, i) => Post(c, $"/dashboard/messages/{i.KimsMessage}?handler=Reply", ("body", "Here they are."), ("when", "now")), 302, 302, 403),
            C("reply for Sam", (c, i) => Post(c, $"/dashboard/messages/{i.SamsMessage}?handler=Reply", ("body", "x"), ("when", "now")), 302, 404, 404),
        ],
        ["Changes.Get"] =
        [
            C("Kim's client's changes", (c, _) => c.GetAsync("/dashboard/clients/contoso/changes"), 200, 200, 200),
            C("Sam's client's changes", (c, _) => c.GetAsync("/dashboard/clients/northwind/changes"), 200, 404, 404),
        ],
        ["Changes.Post"] =
        [
            C("a change for Kim's client", (c, _) => Post(c, "/dashboard/clients/contoso/changes", ("what", "The launch moves a week")), 302, 302, 403),
            C("a change for Sam's client", (c, _) => Post(c, "/dashboard/clients/northwind/changes", ("what", "x")), 302, 404, 404),
        ],
        ["Message.PostCorrect"] =
        [
            C("correct Kim's", (c, i) => Post(c, $"/dashboard/messages/{i.KimsMessage}?handler=Correct", ("labels", "plan_change")), 302, 302, 403),
            C("correct Sam's", (c, i) => Post(c, $"/dashboard/messages/{i.SamsMessage}?handler=Correct", ("labels", "fyi")), 302, 404, 404),
        ],
        ["Message.PostWait"] =
        [
            C("wait on Kim's client", (c, i) => Post(c, $"/dashboard/messages/{i.KimsMessage}?handler=Wait", ("waiting", "true")), 302, 302, 403),
            C("wait on Sam's client", (c, i) => Post(c, $"/dashboard/messages/{i.SamsMessage}?handler=Wait", ("waiting", "true")), 302, 404, 404),
        ],
        ["Message.PostDone"] =
        [
            C("done for Kim", (c, i) => Post(c, $"/dashboard/messages/{i.KimsMessage}?handler=Done", ("done", "true")), 302, 302, 403),
            C("done for Sam", (c, i) => Post(c, $"/dashboard/messages/{i.SamsMessage}?handler=Done", ("done", "true")), 302, 404, 404),
        ],
        ["Client.Get"] =
        [
            C("Kim's client", (c, _) => c.GetAsync("/dashboard/settings/client/contoso"), 200, 200, 200),
            C("Sam's client", (c, _) => c.GetAsync("/dashboard/settings/client/northwind"), 200, 404, 404),
            C("a new client", (c, _) => c.GetAsync("/dashboard/settings/client"), 200, 200, 403),
        ],
        ["Client.Post"] =
        [
            C("Kim's client", (c, i) => PostFields(c, "/dashboard/settings/client/contoso", i.ContosoForm), 302, 302, 403),
            C("Sam's client", (c, i) => PostFields(c, "/dashboard/settings/client/northwind", i.NorthwindForm), 302, 404, 404),
        ],
        ["Client.PostDelete"] =
        [
            C("Kim's client", (c, _) => Post(c, "/dashboard/settings/client/contoso?handler=Delete"), Skip, Skip, 403),
            C("Sam's client", (c, _) => Post(c, "/dashboard/settings/client/northwind?handler=Delete"), Skip, 404, 404),
        ],
        ["Reviews.Get"] =
        [
            C("the reviews", (c, _) => c.GetAsync("/dashboard/reviews"), 200, 200, 200),
            C("Kim's review", (c, _) => c.GetAsync("/dashboard/reviews/communication/2026-11-01?professional=kim"), 200, 200, 200),
            C("Sam's review", (c, _) => c.GetAsync("/dashboard/reviews/response-times/2026-11-16?professional=sam"), 200, 404, 404),
        ],
        ["History.Get"] =
        [
            C("Kim's client", (c, _) => c.GetAsync("/dashboard/clients/contoso/history"), 200, 200, 200),
            C("Sam's client", (c, _) => c.GetAsync("/dashboard/clients/northwind/history"), 200, 404, 404),
        ],
        ["Search.Get"] =
        [
            C("words", (c, _) => c.GetAsync("/dashboard/search?q=logo"), 200, 200, 200),
            C("Sam's client", (c, _) => c.GetAsync("/dashboard/search?q=files&client=northwind"), 200, 200, 200),
        ],
        ["Settings.Get"] =
        [
            C("settings", (c, _) => c.GetAsync("/dashboard/settings"), 200, 200, 403),
            C("Sam's hours", (c, _) => c.GetAsync("/dashboard/settings?professional=sam"), 200, 404, 404),
        ],
        ["Settings.GetExport"] = [C("export", (c, _) => c.GetAsync("/dashboard/settings?handler=Export"), 200, 403, 403)],
        ["Settings.PostPreviewJson"] = [C("preview", (c, _) => Post(c, "/dashboard/settings?handler=PreviewJson", ("hold", "{{ professional }}"), ("reminder", "x")), 200, 403, 403)],
        ["Settings.PostWeekly"] =
        [
            C("Kim's week", (c, _) => Post(c, "/dashboard/settings?handler=Weekly&professional=kim", ("mon", "08:00-16:00"), ("tue", "08:00-16:00"), ("wed", "08:00-16:00"), ("thu", "08:00-15:00")), 302, 302, 403),
            C("Sam's week", (c, _) => Post(c, "/dashboard/settings?handler=Weekly&professional=sam", ("mon", "00:00-23:59")), Skip, 404, 404),
        ],
        ["Settings.PostAddHoliday"] =
        [
            C("Kim's holiday", (c, _) => Post(c, "/dashboard/settings?handler=AddHoliday&professional=kim", ("date", NextDate()), ("name", "A day off")), 302, 302, 403),
            C("Sam's holiday", (c, _) => Post(c, "/dashboard/settings?handler=AddHoliday&professional=sam", ("date", "2027-01-05"), ("name", "x")), Skip, 404, 404),
        ],
        ["Settings.PostAddOverride"] =
        [
            C("Kim's override", (c, _) => Post(c, "/dashboard/settings?handler=AddOverride&professional=kim", ("date", NextDate()), ("closed", "true")), 302, 302, 403),
            C("Sam's override", (c, _) => Post(c, "/dashboard/settings?handler=AddOverride&professional=sam", ("date", "2027-01-05"), ("closed", "true")), Skip, 404, 404),
        ],
        ["Settings.PostAddVacation"] =
        [
            C("Kim's vacation", (c, _) => Post(c, "/dashboard/settings?handler=AddVacation&professional=kim", ("from", NextDate()), ("to", NextDate())), 302, 302, 403),
            C("Sam's vacation", (c, _) => Post(c, "/dashboard/settings?handler=AddVacation&professional=sam", ("from", "2027-03-01"), ("to", "2027-03-05")), Skip, 404, 404),
        ],
        ["Settings.PostAddBreak"] =
        [
            C("Kim's break", (c, _) => Post(c, "/dashboard/settings?handler=AddBreak&professional=kim", ("date", NextDate()), ("hours", "10:00-11:00")), 302, 302, 403),
            C("Sam's break", (c, _) => Post(c, "/dashboard/settings?handler=AddBreak&professional=sam", ("date", "2027-01-06"), ("hours", "10:00-11:00")), Skip, 404, 404),
        ],
        ["Settings.PostOnCall"] =
        [
            C("Kim's on-call", (c, _) => Post(c, "/dashboard/settings?handler=OnCall&professional=kim", ("name", "Robin Lee"), ("email", "robin@riverastudio.example")), 302, 302, 403),
            C("Sam's on-call", (c, _) => Post(c, "/dashboard/settings?handler=OnCall&professional=sam", ("name", "")), Skip, 404, 404),
        ],
        ["Settings.PostRemove"] =
        [
            C("Kim's holiday", (c, _) => Post(c, "/dashboard/settings?handler=Remove&professional=kim", ("list", "holidays"), ("index", "0")), Skip, 302, 403),
            C("Sam's holiday", (c, _) => Post(c, "/dashboard/settings?handler=Remove&professional=sam", ("list", "holidays"), ("index", "0")), Skip, 404, 404),
        ],
        ["Settings.PostImportHolidays"] =
        [
            C("Kim's calendar", (c, _) => Upload(c, "ImportHolidays&professional=kim", "calendar", "kim.ics", IcsText), Skip, 302, 403),
            C("Sam's calendar", (c, _) => Upload(c, "ImportHolidays&professional=sam", "calendar", "sam.ics", IcsText), Skip, 404, 404),
        ],
        ["Settings.PostPolicy"] = [C("policy", (c, _) => Post(c, "/dashboard/settings?handler=Policy", ("afterHoursEmergencies", "on-call"), ("autoReplyWindowDays", "7")), 302, 403, 403)],
        ["Settings.PostBooking"] = [C("booking", (c, _) => Post(c, "/dashboard/settings?handler=Booking", ("slotMinutes", "30"), ("bufferMinutes", "10"), ("minimumNoticeHours", "12"), ("maxPerDay", "3"), ("maxPerWeek", "8"), ("horizonDays", "14")), 302, 403, 403)],
        ["Settings.PostTemplates"] = [C("templates", (c, _) => Post(c, "/dashboard/settings?handler=Templates", ("hold", "Hello {{ first_name }}, {{ offer_date }}. {{ professional }}"), ("reminder", "Please use {{ reminder_channel }}. {{ professional }}")), 302, 403, 403)],
        ["Settings.PostFile"] = [C("the file", (c, _) => Post(c, "/dashboard/settings?handler=File", ("json", "{ \"availability\": { \"timeZone\": \"Europe/London\" } }")), Skip, 403, 403)],
        ["Settings.PostImport"] = [C("import", (c, _) => Upload(c, "Import", "file", "porter.json", "{ \"availability\": { \"timeZone\": \"Europe/London\" } }"), Skip, 403, 403)],
    };

    /// <summary>The dashboard's routes that are not page handlers, with their calls.</summary>
    private static readonly Dictionary<string, Call[]> Endpoints = new(StringComparer.Ordinal)
    {
        ["dashboard/messages/{id:long}/html"] =
        [
            C("Kim's mail", (c, i) => c.GetAsync($"/dashboard/messages/{i.KimsMessage}/html"), 200, 200, 200),
            C("Sam's mail", (c, i) => c.GetAsync($"/dashboard/messages/{i.SamsMessage}/html"), 200, 404, 404),
        ],
        ["dashboard/messages/{id:long}/attachments/{attachment:long}"] =
        [
            C("Kim's file", (c, i) => c.GetAsync($"/dashboard/messages/{i.KimsMessage}/attachments/{i.KimsFile}"), 200, 200, 200),
            C("Sam's file", (c, i) => c.GetAsync($"/dashboard/messages/{i.SamsMessage}/attachments/{i.SamsFile}"), 200, 404, 404),
            C("Sam's file through Kim's message", (c, i) => c.GetAsync($"/dashboard/messages/{i.KimsMessage}/attachments/{i.SamsFile}"), 404, 404, 404),
        ],
        ["dashboard/reports/{name}.svg"] =
        [
            C("load", (c, _) => c.GetAsync("/dashboard/reports/load.svg"), 200, 200, 200),
            C("promises", (c, _) => c.GetAsync("/dashboard/reports/promises.svg"), 200, 200, 200),
            C("arrivals", (c, _) => c.GetAsync("/dashboard/reports/arrivals.svg"), 200, 200, 200),
        ],
    };

    private static int dates;

    /// <summary>A date not used before in this run (each successful addition needs its own: the same date twice is refused, rightly).</summary>
    private static string NextDate() => new NodaTime.LocalDate(2027, 2, 1).PlusDays(Interlocked.Increment(ref dates) * 2).ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private const string IcsText = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:x1@test\r\nDTSTART;VALUE=DATE:20270104\r\nSUMMARY:A day off\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    [Fact]
    public async Task EachRole_ReachesWhatItMay_OnEveryRoute_AndARefusalChangesNothing()
    {
        string config = PorterFactory.CopyOfTeamConfig();
        string folder = Path.GetDirectoryName(config)!;
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), config: config);
        using HttpClient api = factory.Authorized();
        long sams = await MailAsync(api, "Jordan Lee <jordan@northwind.example>", "sam@riverastudio.example", "Logo files", "r1@northwind.example");
        long kims = await MailAsync(api, "Maya Singh <maya@contoso.example>", "kim@riverastudio.example", "Dielines", "r1@contoso.example");

        await Signed.CreateUserAsync(factory, "owner@riverastudio.example");
        await Signed.CreateUserAsync(factory, "kim@riverastudio.example", role: PersonRole.Professional, professional: "kim");
        await Signed.CreateUserAsync(factory, "ari@riverastudio.example", role: PersonRole.Assistant, professional: "kim");
        using HttpClient owner = await Signed.InAsync(factory, "owner@riverastudio.example");
        using HttpClient kim = await Signed.InAsync(factory, "kim@riverastudio.example");
        using HttpClient assistant = await Signed.InAsync(factory, "ari@riverastudio.example");

        // Each message went to its own professional's desk.
        await using (PorterDb db = factory.OpenDb())
        {
            Assert.Equal("sam", (await db.Messages.SingleAsync(m => m.Id == sams)).ProfessionalId);
            Assert.Equal("kim", (await db.Messages.SingleAsync(m => m.Id == kims)).ProfessionalId);
        }

        long samsFile, kimsFile;
        await using (PorterDb db = factory.OpenDb())
        {
            samsFile = (await db.Attachments.SingleAsync(a => a.MessageRecordId == sams)).Id;
            kimsFile = (await db.Attachments.SingleAsync(a => a.MessageRecordId == kims)).Id;
        }

        var ids = new Ids(sams, kims,
            await Signed.FormAsync(owner, "/dashboard/settings/client/contoso", "#client-form"),
            await Signed.FormAsync(owner, "/dashboard/settings/client/northwind", "#client-form")) { SamsFile = samsFile, KimsFile = kimsFile };

        // Every handler and every dashboard route is listed here.
        string[] handlers = DashboardHandlers.All();
        Assert.Equal(Handlers.Keys.Order(StringComparer.Ordinal), handlers.Order(StringComparer.Ordinal));
        RouteEndpoint[] routes = [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];
        string[] dashboardRoutes = [.. routes.Select(e => (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(p => p.StartsWith("dashboard/", StringComparison.Ordinal) && !routes.Any(r => r.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>() is not null && (r.RoutePattern.RawText ?? "").TrimStart('/') == p))
            .Distinct()];
        Assert.Equal(Endpoints.Keys.Order(StringComparer.Ordinal), dashboardRoutes.Order(StringComparer.Ordinal));

        // Assistant first, then Kim, then the owner: the refusals are tried before anything is changed by the others.
        foreach ((string who, HttpClient client, Func<Call, int> expected) in new (string, HttpClient, Func<Call, int>)[]
                 { ("the assistant", assistant, c => c.Assistant), ("Kim", kim, c => c.Kim), ("the owner", owner, c => c.Owner) })
        {
            foreach ((string handler, Call[] calls) in Handlers.Concat(Endpoints))
            {
                foreach (Call call in calls.Where(c => expected(c) != Skip))
                {
                    string before = await StateAsync(factory, folder);
                    HttpResponseMessage response = await call.Send(client, ids);
                    string body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                    Assert.True((int)response.StatusCode == expected(call), $"{handler} ({call.Name}) as {who}: {(int)response.StatusCode}, expected {expected(call)}");
                    if (client != owner)
                    {
                        foreach (string secret in SamsWork)
                        {
                            Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{handler} ({call.Name}) shows '{secret}' of Sam's work to {who}");
                        }
                    }

                    if (expected(call) is 403 or 404)
                    {
                        Assert.True(before == await StateAsync(factory, folder), $"{handler} ({call.Name}) as {who} was refused but changed something");
                    }

                    if (expected(call) == 403)
                    {
                        Assert.StartsWith("Your role does not allow this:", body, StringComparison.Ordinal);
                    }
                }
            }
        }

        // The API answers API keys only (they act for the organisation): a signed-in person gets 401 on every route.
        foreach (RouteEndpoint endpoint in routes.Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/", StringComparison.Ordinal)))
        {
            string path = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/').Replace("{id:long}", kims.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("{id}", "contoso", StringComparison.Ordinal);
            foreach (string method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                // The body the route accepts (a wrong type would be refused before anyone is asked who they are).
                string type = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes is [string first, ..] ? first : "application/json";
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method != "GET")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, type);
                }

                HttpResponseMessage response = await kim.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} as Kim: {(int)response.StatusCode}");
            }
        }

        // What each saw: Kim's desk holds her client and mail only; the assistant's draft waits for Kim.
        string kimsQueue = await kim.GetStringAsync("/dashboard/clients");
        Assert.Contains("Contoso", kimsQueue, StringComparison.Ordinal);
        await using (PorterDb db = factory.OpenDb())
        {
            Assert.Equal("kim", (await db.Messages.SingleAsync(m => m.Id == kims)).ProfessionalId);
            Assert.Contains("Robin Lee", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
            Assert.Contains("kim.ics", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
        }
    }

    private static async Task<long> MailAsync(HttpClient api, string from, string to, string subject, string messageId)
    {
        using var mail = new StringContent($"From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nMessage-ID: <{messageId}>\r\nDate: Tue, 01 Dec 2026 15:00:00 +0000\r\nMIME-Version: 1.0\r\n" +
            $"Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Could you send the {subject.ToLowerInvariant()} today?</p>\r\n" +
            "--b1\r\nContent-Type: application/pdf; name=\"brief.pdf\"\r\nContent-Disposition: attachment; filename=\"brief.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n");
        mail.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
        HttpResponseMessage posted = await api.PostAsync("/api/v1/mail", mail);
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string action, params (string Name, string Value)[] fields) =>
        Signed.PostFormAsync(client, "/dashboard", action, fields);

    private static async Task<HttpResponseMessage> PostFields(HttpClient client, string action, List<KeyValuePair<string, string>> fields)
    {
        string token = Signed.Token(await client.GetStringAsync("/dashboard"));
        using var content = new FormUrlEncodedContent([.. fields.Where(f => f.Key != "__RequestVerificationToken"), new("__RequestVerificationToken", token)]);
        return await client.PostAsync(action, content);
    }

    private static Task<HttpResponseMessage> Upload(HttpClient client, string handler, string field, string fileName, string text) =>
        Signed.UploadAsync(client, "/dashboard", $"/dashboard/settings?handler={handler}", field, fileName, text);

    /// <summary>Everything a refused call must leave alone: the practice's files, the settings and change records, actions, messages and accounts.</summary>
    private static async Task<string> StateAsync(PorterFactory factory, string folder)
    {
        var state = new StringBuilder();
        // porter.json.bak is the copy kept before a write: what counts is the practice's files themselves.
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".bak", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            state.Append(file).Append(' ').AppendLine(Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file))));
        }

        await using PorterDb db = factory.OpenDb();
        foreach (var s in await db.Settings.OrderBy(s => s.Key).ToListAsync())
        {
            state.Append(s.Key).Append('=').AppendLine(s.Value);
        }

        state.Append("changes ").AppendLine((await db.Changes.IgnoreQueryFilters().CountAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        state.Append("actions ").AppendLine((await db.Actions.IgnoreQueryFilters().CountAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        state.Append("plan changes ").AppendLine((await db.PlanChanges.IgnoreQueryFilters().CountAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        state.Append("corrections ").AppendLine((await db.Corrections.IgnoreQueryFilters().CountAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var m in await db.Messages.IgnoreQueryFilters().OrderBy(m => m.Id).Select(m => new { m.Id, m.DoneAt, m.Draft, m.ProfessionalId, m.WaitingSince, m.Deadline }).ToListAsync())
        {
            state.AppendLine($"{m.Id} {m.DoneAt} {m.Draft} {m.ProfessionalId} {m.WaitingSince} {m.Deadline}");
        }

        foreach (var u in await db.Users.OrderBy(u => u.Email).Select(u => new { u.Email, u.PasswordHash, u.Role, u.ProfessionalId }).ToListAsync())
        {
            state.AppendLine($"{u.Email} {u.PasswordHash} {u.Role} {u.ProfessionalId}");
        }

        return state.ToString();
    }

}

public sealed class SqliteRoleTests(SqliteDatabases databases) : RoleTests(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresRoleTests(PostgresDatabases databases) : RoleTests(databases);
