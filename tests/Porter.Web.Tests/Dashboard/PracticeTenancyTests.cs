using System.Net;
using Microsoft.EntityFrameworkCore;
using Porter.Storage;
using Porter.Testing;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// A person of another organisation reaches nothing of the practice this instance serves, through any handler of any
/// dashboard page, GET or POST, on its success paths and its error paths alike: no byte of porter.json (names,
/// clients, templates) in any answer, no file written or changed (porter.json, the holiday calendars), no action
/// (announcement) written. The handlers are found by reflection, so a new one fails this test until it is listed.
/// </summary>
public abstract class PracticeTenancyTests(IDatabases databases)
{
    /// <summary>Words of the demo practice that no answer to another organisation may contain.</summary>
    private static readonly string[] Secrets = ["Rivera", "riverastudio", "Northwind", "Fabrikam", "lena@"];

    private const string IcsText = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:x1@test\r\nDTSTART;VALUE=DATE:20270104\r\nSUMMARY:Mallory's day\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    /// <summary>Every handler, how another organisation's person calls it (often several ways: success and error paths), and whether the page is the practice's (404) or their own (200).</summary>
    private static readonly Dictionary<string, (HttpStatusCode Expected, Func<HttpClient, long, Task<HttpResponseMessage>>[] Calls)> Handlers = new(StringComparer.Ordinal)
    {
        ["Index.Get"] = (HttpStatusCode.OK, [(c, _) => c.GetAsync("/dashboard")]),
        ["Index.PostStatus"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard?handler=Status", ("status", "off")), (c, _) => Post(c, "/dashboard?handler=Status", ("status", "nonsense"))]),
        ["Account.Get"] = (HttpStatusCode.OK, [(c, _) => c.GetAsync("/dashboard/account")]),
        ["Account.Post"] = (HttpStatusCode.OK, [(c, _) => Post(c, "/dashboard/account", ("current", "not the password"), ("password", "a new long passphrase"), ("confirm", "a new long passphrase"))]),
        ["Clients.Get"] = (HttpStatusCode.OK, [(c, _) => c.GetAsync("/dashboard/clients")]),
        ["Message.Get"] = (HttpStatusCode.NotFound, [(c, id) => c.GetAsync($"/dashboard/messages/{id}")]),
        ["Message.PostReply"] = (HttpStatusCode.NotFound, [(c, id) => Post(c, $"/dashboard/messages/{id}?handler=Reply", ("body", "x"), ("when", "now"))]),
        ["Message.PostDraft"] = (HttpStatusCode.NotFound, [(c, id) => Post(c, $"/dashboard/messages/{id}?handler=Draft", ("body", "x"))]),
        ["Message.PostDone"] = (HttpStatusCode.NotFound, [(c, id) => Post(c, $"/dashboard/messages/{id}?handler=Done", ("done", "true"))]),
        ["Changes.Get"] = (HttpStatusCode.NotFound, [(c, _) => c.GetAsync("/dashboard/clients/northwind/changes"), (c, _) => c.GetAsync("/dashboard/clients/nobody/changes")]),
        ["Changes.Post"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/clients/northwind/changes", ("what", "x"))]),
        ["Message.PostWait"] = (HttpStatusCode.NotFound, [(c, id) => Post(c, $"/dashboard/messages/{id}?handler=Wait", ("waiting", "true"))]),
        ["Message.PostCorrect"] = (HttpStatusCode.NotFound, [(c, id) => Post(c, $"/dashboard/messages/{id}?handler=Correct", ("labels", "urgent_matter")), (c, id) => Post(c, $"/dashboard/messages/{id}?handler=Correct", ("labels", "nonsense"))]),
        ["Client.Get"] = (HttpStatusCode.NotFound, [(c, _) => c.GetAsync("/dashboard/settings/client/northwind"), (c, _) => c.GetAsync("/dashboard/settings/client")]),
        ["Client.Post"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings/client/northwind", ("name", "Mallory Inc"), ("id", "northwind")), (c, _) => Post(c, "/dashboard/settings/client", ("name", ""), ("zone", "Mars/Base"))]),
        ["Client.PostDelete"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings/client/northwind?handler=Delete"), (c, _) => Post(c, "/dashboard/settings/client/nobody?handler=Delete")]),
        ["Reviews.Get"] = (HttpStatusCode.NotFound, [(c, _) => c.GetAsync("/dashboard/reviews"), (c, _) => c.GetAsync("/dashboard/reviews/communication/2026-11-01"), (c, _) => c.GetAsync("/dashboard/reviews/availability/nonsense")]),
        ["History.Get"] = (HttpStatusCode.NotFound, [(c, _) => c.GetAsync("/dashboard/clients/northwind/history"), (c, _) => c.GetAsync("/dashboard/clients/nobody/history")]),
        ["Search.Get"] = (HttpStatusCode.OK, [(c, _) => c.GetAsync("/dashboard/search?q=coffee&client=northwind"), (c, _) => c.GetAsync("/dashboard/search?status=waiting")]),
        ["Settings.Get"] = (HttpStatusCode.NotFound, [(c, _) => c.GetAsync("/dashboard/settings")]),
        ["Settings.GetExport"] = (HttpStatusCode.NotFound, [(c, _) => c.GetAsync("/dashboard/settings?handler=Export")]),
        ["Settings.PostPreviewJson"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=PreviewJson", ("hold", "{{ professional }} {{ first_name }}"), ("reminder", "x")), (c, _) => Post(c, "/dashboard/settings?handler=PreviewJson", ("hold", "{{ broken"), ("reminder", "x"))]),
        ["Settings.PostWeekly"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=Weekly", ("mon", "00:00-23:59")), (c, _) => Post(c, "/dashboard/settings?handler=Weekly", ("mon", "9-5"))]),
        ["Settings.PostAddHoliday"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=AddHoliday", ("date", "2027-01-05"), ("name", "Mallory")), (c, _) => Post(c, "/dashboard/settings?handler=AddHoliday", ("date", "not a date"))]),
        ["Settings.PostAddOverride"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=AddOverride", ("date", "2027-01-05"), ("closed", "true")), (c, _) => Post(c, "/dashboard/settings?handler=AddOverride", ("date", "x"), ("hours", "y"))]),
        ["Settings.PostAddVacation"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=AddVacation", ("from", "2027-01-05"), ("to", "2027-01-09")), (c, _) => Post(c, "/dashboard/settings?handler=AddVacation", ("from", "x"), ("to", "y"))]),
        ["Settings.PostAddBreak"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=AddBreak", ("date", "2027-01-05"), ("hours", "10:00-11:00")), (c, _) => Post(c, "/dashboard/settings?handler=AddBreak", ("date", "x"), ("hours", "y"))]),
        ["Settings.PostOnCall"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=OnCall", ("name", "Mallory"), ("email", "mallory@evil.example")), (c, _) => Post(c, "/dashboard/settings?handler=OnCall", ("name", ""))]),
        ["Settings.PostPolicy"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=Policy", ("afterHoursEmergencies", "hold"), ("autoReplyWindowDays", "1")), (c, _) => Post(c, "/dashboard/settings?handler=Policy", ("autoReplyWindowDays", "many"))]),
        ["Settings.PostBooking"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=Booking", ("slotMinutes", "15")), (c, _) => Post(c, "/dashboard/settings?handler=Booking", ("slotMinutes", "-1"))]),
        ["Settings.PostRemove"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=Remove", ("list", "holidays"), ("index", "0")), (c, _) => Post(c, "/dashboard/settings?handler=Remove", ("list", "nothing"), ("index", "99"))]),
        ["Settings.PostImportHolidays"] = (HttpStatusCode.NotFound, [(c, _) => Upload(c, "ImportHolidays", "calendar", "england-and-wales-2026-2027.ics", IcsText), (c, _) => Upload(c, "ImportHolidays", "calendar", "mallory.ics", IcsText), (c, _) => Upload(c, "ImportHolidays", "calendar", "notes.ics", "not a calendar")]),
        ["Settings.PostTemplates"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=Templates", ("hold", "{{ professional }}"), ("reminder", "x"), ("preview", "1")), (c, _) => Post(c, "/dashboard/settings?handler=Templates", ("hold", "{{ broken"), ("reminder", "x"), ("preview", "1")), (c, _) => Post(c, "/dashboard/settings?handler=Templates", ("hold", "Mallory was here"), ("reminder", "x"))]),
        ["Settings.PostFile"] = (HttpStatusCode.NotFound, [(c, _) => Post(c, "/dashboard/settings?handler=File", ("json", "{ \"availability\": { \"timeZone\": \"Mars/Base\" } }")), (c, _) => Post(c, "/dashboard/settings?handler=File", ("json", "{ not json"))]),
        ["Settings.PostImport"] = (HttpStatusCode.NotFound, [(c, _) => Upload(c, "Import", "file", "porter.json", "{ \"availability\": { \"timeZone\": \"Mars/Base\" } }"), (c, _) => Upload(c, "Import", "file", "porter.json", ""), (c, _) => Upload(c, "Import", "file", "porter.json", "{ not json")]),
    };

    [Fact]
    public async Task AnotherOrganisation_ReachesNothingOfThePractice_ThroughAnyHandlerOrErrorPath()
    {
        string config = PorterFactory.CopyOfDemoConfig();
        string folder = Path.GetDirectoryName(config)!;
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), config: config);
        using HttpClient api = factory.Authorized();
        using var mail = new StringContent(
            "From: Jordan Lee <jordan@northwind.example>\r\nTo: sam@riverastudio.example\r\nSubject: Files\r\nMessage-ID: <pt1@northwind.example>\r\n" +
            "Date: Tue, 24 Nov 2026 11:00:00 +0000\r\n\r\nCould you send the files?\r\n");
        mail.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
        long id = System.Text.Json.JsonDocument.Parse(await (await api.PostAsync("/api/v1/mail", mail)).Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        await Signed.CreateUserAsync(factory, "riley@otheragency.example", organisation: "Other Agency");
        using HttpClient riley = await Signed.InAsync(factory, "riley@otheragency.example");

        string[] found = DashboardHandlers.All();
        Assert.Equal(Handlers.Keys.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));

        Dictionary<string, byte[]> files = Snapshot(folder);
        int actions = await CountActionsAsync(factory);
        string settings = await SettingsAsync(factory);
        foreach ((string handler, (HttpStatusCode expected, var calls)) in Handlers)
        {
            for (int i = 0; i < calls.Length; i++)
            {
                HttpResponseMessage response = await calls[i](riley, id);
                string body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
                Assert.True(response.StatusCode == expected, $"{handler} (call {i + 1}): {response.StatusCode}, expected {expected}");
                foreach (string secret in Secrets)
                {
                    Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{handler} (call {i + 1}) shows '{secret}' of the practice");
                }

                Assert.True(SameFiles(files, Snapshot(folder)), $"{handler} (call {i + 1}) changed a file of the practice");
            }
        }

        Assert.Equal(actions, await CountActionsAsync(factory));
        Assert.Equal(settings, await SettingsAsync(factory));
        await using (PorterDb db = factory.OpenDb())
        {
            Assert.Equal(0, await db.Corrections.IgnoreQueryFilters().CountAsync());
            Assert.Equal(0, await db.PlanChanges.IgnoreQueryFilters().CountAsync());
        }
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string action, params (string Name, string Value)[] fields) =>
        Signed.PostFormAsync(client, "/dashboard", action, fields);

    private static Task<HttpResponseMessage> Upload(HttpClient client, string handler, string field, string fileName, string text) =>
        Signed.UploadAsync(client, "/dashboard", $"/dashboard/settings?handler={handler}", field, fileName, text);

    /// <summary>Every file under the practice's folder, with its bytes.</summary>
    private static Dictionary<string, byte[]> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes, StringComparer.Ordinal);

    private static bool SameFiles(Dictionary<string, byte[]> before, Dictionary<string, byte[]> after) =>
        before.Count == after.Count && before.All(f => after.TryGetValue(f.Key, out byte[]? bytes) && bytes.AsSpan().SequenceEqual(f.Value));

    private static async Task<int> CountActionsAsync(PorterFactory factory)
    {
        await using PorterDb db = factory.OpenDb();
        return await db.Actions.IgnoreQueryFilters().CountAsync();
    }

    /// <summary>The values kept in the database (the professional's status among them).</summary>
    private static async Task<string> SettingsAsync(PorterFactory factory)
    {
        await using PorterDb db = factory.OpenDb();
        return string.Join('\n', (await db.Settings.OrderBy(s => s.Key).ToListAsync()).Select(s => $"{s.Key}={s.Value}"));
    }

}

public sealed class SqlitePracticeTenancyTests(SqliteDatabases databases) : PracticeTenancyTests(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresPracticeTenancyTests(PostgresDatabases databases) : PracticeTenancyTests(databases);
