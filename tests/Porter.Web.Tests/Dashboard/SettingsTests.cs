using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Storage;
using Porter.Storage.Model;
using Porter.Testing;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// Settings in the browser are porter.json: each form writes the file (checked by the same reader), the practice
/// changes at once, changed hours are announced, bad input names its problem and writes nothing, and the file can
/// be exported and imported. Each test works on its own copy of the demo's porter.json.
/// </summary>
public sealed class SettingsTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    /// <summary>Tuesday 24 November 2026, 19:00 in London: after the demo's hours.</summary>
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 24, 19, 0);

    [Fact]
    public async Task WeeklyHours_SavedInTheBrowser_ChangeDecisionsAtOnce_AndAreAnnounced()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        factory.Clock.Reset(Evening);
        using HttpClient api = factory.Authorized();
        Assert.Equal("hold", await DecideAsync(api, "<s1@northwind.example>"));
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        HttpResponseMessage saved = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Weekly",
            ("mon", "09:00-12:30, 13:30-17:30"), ("tue", "09:00-12:30, 13:30-20:00"), ("wed", "09:00-12:30, 13:30-17:30"), ("thu", "09:00-12:30, 13:30-17:30"), ("fri", "09:00-13:00"), ("sat", ""), ("sun", ""));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        string page = WebUtility.HtmlDecode(await sam.GetStringAsync(saved.Headers.Location!.ToString()));
        Assert.Contains("Weekly hours saved. Emails announcing the change in working hours are queued for clients", page, StringComparison.Ordinal);

        // The history shows the change: by whom, and what changed.
        AngleSharp.Dom.IElement history = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelector("#history tbody tr")!;
        Assert.Contains("sam@riverastudio.example", history.TextContent, StringComparison.Ordinal);
        Assert.Contains("availability.weekly.tue", history.TextContent, StringComparison.Ordinal);

        Assert.Equal("deliver", await DecideAsync(api, "<s2@northwind.example>"));
        Assert.Contains("\"13:30-20:00\"", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
        Assert.True(File.Exists(config + ".bak"));
        await using PorterDb db = factory.OpenDb();
        Assert.True(await db.Actions.CountAsync(a => a.Kind == Porter.Storage.Model.ActionKind.Announce) >= 3);
    }

    [Fact]
    public async Task BadHours_NameTheirProblem_AndWriteNothing()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        string before = await File.ReadAllTextAsync(config);
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        HttpResponseMessage response = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Weekly", ("mon", "9-5"), ("tue", "noon-14:00"));
        string page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing was saved", page, StringComparison.Ordinal);
        Assert.Contains("availability.weekly.mon[0]: '9' is not a clock time", page, StringComparison.Ordinal);
        Assert.Contains("availability.weekly.tue[0]: 'noon' is not a clock time", page, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(config));
    }

    [Fact]
    public async Task AWeekWithNoWorkingTime_IsRefused_AndDecisionsGoOn()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        string before = await File.ReadAllTextAsync(config);
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        HttpResponseMessage response = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Weekly",
            ("mon", ""), ("tue", ""), ("wed", ""), ("thu", ""), ("fri", ""), ("sat", ""), ("sun", ""));
        string page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing was saved", page, StringComparison.Ordinal);
        Assert.Contains("availability.weekly: no working hours in the week", page, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(config));
        using HttpClient api = factory.Authorized();
        Assert.Equal("deliver", await DecideAsync(api, "<after-empty-week@northwind.example>"));
    }

    [Fact]
    public async Task Holidays_Overrides_Vacations_AddAndRemove()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=AddHoliday", ("date", "2026-12-28"), ("name", "Studio day off"));
        await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=AddOverride", ("date", "2026-12-29"), ("hours", "10:00-14:00"), ("note", "Short day"));
        await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=AddVacation", ("from", "2027-02-15"), ("to", "2027-02-19"), ("note", "Ski week"));
        string written = await File.ReadAllTextAsync(config);
        Assert.Contains("Studio day off", written, StringComparison.Ordinal);
        Assert.Contains("\"10:00-14:00\"", written, StringComparison.Ordinal);
        Assert.Contains("Ski week", written, StringComparison.Ordinal);
        string page = await sam.GetStringAsync("/dashboard/settings");
        Assert.Contains("Studio day off", page, StringComparison.Ordinal);

        // The demo file has one holiday before this one: remove the second.
        await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Remove", ("list", "holidays"), ("index", "1"));
        Assert.DoesNotContain("Studio day off", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
        HttpResponseMessage bad = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=AddHoliday", ("date", "2026-02-30"));
        Assert.Contains("is not a date", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Breaks_OnCall_Policy_AndBookingRules_AreSavedAndTakeEffect()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=AddBreak", ("date", "2026-11-26"), ("hours", "10:00-11:00"), ("note", "School play"));
        Assert.Contains("School play", await File.ReadAllTextAsync(config), StringComparison.Ordinal);

        await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=OnCall", ("name", "Robin Park"), ("email", "robin@riverastudio.example"), ("phone", ""), ("webhook", ""));
        string onCall = await File.ReadAllTextAsync(config);
        Assert.Contains("Robin Park", onCall, StringComparison.Ordinal);
        Assert.DoesNotContain("+44 7700 900456", onCall, StringComparison.Ordinal);

        HttpResponseMessage badPolicy = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Policy", ("afterHoursEmergencies", "hold"), ("autoReplyWindowDays", "0"));
        Assert.Contains("policy.autoReplyWindowDays: expected a whole number of days from 1 to 365", WebUtility.HtmlDecode(await badPolicy.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Policy", ("afterHoursEmergencies", "hold"), ("autoReplyWindowDays", "3"));
        Assert.Contains("\"autoReplyWindowDays\": 3", await File.ReadAllTextAsync(config), StringComparison.Ordinal);

        await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Booking",
            ("slotMinutes", "45"), ("bufferMinutes", "0"), ("minimumNoticeHours", "12"), ("maxPerDay", "3"), ("maxPerWeek", "8"), ("horizonDays", "14"));
        string token;
        await using (PorterDb db = factory.OpenDb())
        {
            token = (await db.ClientLinks.SingleAsync(l => l.ClientId == "northwind")).Token;
        }

        Assert.Contains("Each meeting is 45 minutes", await sam.GetStringAsync($"/c/{token}/book"), StringComparison.Ordinal);
        HttpResponseMessage badBooking = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Booking", ("slotMinutes", "forty"));
        Assert.Contains("booking.slotMinutes: expected a whole number from 5 to 480", WebUtility.HtmlDecode(await badBooking.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // People taking turns: a rotation without a handover is refused with the reader's reason; with one it is saved and takes effect.
        HttpResponseMessage noHandover = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=OnCall",
            ("name", ""), ("people", "Alex Morgan, alex@riverastudio.example, +44 7700 900456\nRobin Park, robin@riverastudio.example"));
        Assert.Contains("onCall.handover: people taking turns need a handover", WebUtility.HtmlDecode(await noHandover.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=OnCall",
            ("name", ""), ("people", "Alex Morgan, alex@riverastudio.example, +44 7700 900456\nRobin Park, robin@riverastudio.example"),
            ("handoverEvery", "1w"), ("handoverOn", "mon"), ("handoverAt", "09:00"), ("handoverFrom", "2026-11-09"), ("acknowledgeWithin", "10m"), ("pageRounds", "3"));
        string settings = WebUtility.HtmlDecode(await sam.GetStringAsync("/dashboard/settings"));
        Assert.Contains("Alex Morgan, alex@riverastudio.example, +44 7700 900456\nRobin Park, robin@riverastudio.example</textarea>", settings, StringComparison.Ordinal);
        var started = System.Diagnostics.Stopwatch.StartNew();
        HandoverRecord? handover = null;
        while (handover is null && started.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(200);
            await using PorterDb db = factory.OpenDb();
            handover = await db.Handovers.AsNoTracking().FirstOrDefaultAsync();
        }

        Assert.Equal((Instant.FromUtc(2026, 11, 30, 9, 0), "Alex Morgan", "Robin Park"), (handover!.At, handover.FromPerson, handover.ToPerson));

        await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=OnCall", ("name", ""));
        Assert.DoesNotContain("\"onCall\"", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditsAtTheSameTime_LoseNothing()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
        string token = Signed.Token(await sam.GetStringAsync("/dashboard/settings"));

        await Task.WhenAll(Enumerable.Range(1, 12).Select(async day =>
        {
            using var form = new FormUrlEncodedContent([new("date", $"2027-03-{day:00}"), new("name", $"Day off {day}"), new("__RequestVerificationToken", token)]);
            HttpResponseMessage response = await sam.PostAsync("/dashboard/settings?handler=AddHoliday", form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }));

        string written = await File.ReadAllTextAsync(config);
        Assert.All(Enumerable.Range(1, 12), day => Assert.Contains($"Day off {day}\"", written, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AHolidayCalendar_IsImported_BesideTheFile_AndABadOneRefused()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
        string ics = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Samples, "holidays", "england-and-wales-2026-2027.ics"));

        HttpResponseMessage imported = await UploadAsync(sam, "ImportHolidays", "calendar", "bank holidays (UK).ics", ics);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Contains("Imported", WebUtility.HtmlDecode(await sam.GetStringAsync(imported.Headers.Location!.ToString())), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(config)!, "holidays", "bank-holidays-UK.ics")));
        Assert.Contains("holidays/bank-holidays-UK.ics", await File.ReadAllTextAsync(config), StringComparison.Ordinal);

        HttpResponseMessage bad = await UploadAsync(sam, "ImportHolidays", "calendar", "notes.ics", "this is not a calendar");
        Assert.Contains("not an iCalendar file", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFile_ExportsAsIs_ImportsWithItsProblemsNamed_AndKeepsCommentsWhenEditedWhole()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        HttpResponseMessage export = await sam.GetAsync("/dashboard/settings?handler=Export");
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);
        string exported = await export.Content.ReadAsStringAsync();
        Assert.Equal(await File.ReadAllTextAsync(config), exported);

        HttpResponseMessage broken = await UploadAsync(sam, "Import", "file", "porter.json", "{\n  \"availability\": { \"timeZone\": \"Mars/Base\" }\n}");
        Assert.Contains("porter.json:2: availability.timeZone: unknown time zone", WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(exported, await File.ReadAllTextAsync(config));

        string renamed = exported.Replace("\"name\": \"Sam Rivera\"", "\"name\": \"Sam R. Rivera\"", StringComparison.Ordinal);
        HttpResponseMessage imported = await UploadAsync(sam, "Import", "file", "porter.json", renamed);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal(renamed, await File.ReadAllTextAsync(config));

        HttpResponseMessage whole = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=File", ("json", renamed.Replace("\"policy\": {", "\"policy\": {\n    // edited in the browser", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, whole.StatusCode);
        Assert.Contains("// edited in the browser", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
        Assert.Contains("// Porter's configuration for the demo", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyTemplates_PreviewWithTheClientsDetails_AndSave()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
        const string hold = "Hi {{ first_name }}, I will answer on {{ offer_date }} at {{ offer_time }}. {{ professional }}";

        HttpResponseMessage preview = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Templates", ("hold", hold), ("reminder", "Please use {{ reminder_channel }}."), ("preview", "1"));
        string page = WebUtility.HtmlDecode(await preview.Content.ReadAsStringAsync());
        Assert.Contains("Hi Jordan, I will answer on", page, StringComparison.Ordinal);
        Assert.Contains("Sam Rivera", page, StringComparison.Ordinal);

        HttpResponseMessage broken = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Templates", ("hold", "Hi {{ first_name"), ("reminder", "x"), ("preview", "1"));
        Assert.Contains("replies:", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        HttpResponseMessage saved = await Signed.PostFormAsync(sam, "/dashboard/settings", "/dashboard/settings?handler=Templates", ("hold", hold), ("reminder", "Please use {{ reminder_channel }}."));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("I will answer on {{ offer_date }}", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
    }

    /// <summary>The service over a copy of the demo's porter.json and its holiday calendar, with Sam's account.</summary>
    private async Task<(PorterFactory Factory, string Config)> StartAsync()
    {
        StorageOptions storage = await databases.CreateAsync();
        string config = PorterFactory.CopyOfDemoConfig();
        PorterFactory factory = await PorterFactory.StartAsync(storage, config: config);
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        return (factory, config);
    }

    private static async Task<string> DecideAsync(HttpClient api, string messageId)
    {
        HttpResponseMessage response = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = "Question", body = "Could you send the files?", messageId,
        });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetProperty("kind").GetString()!;
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string handler, string field, string fileName, string text) =>
        Signed.UploadAsync(client, "/dashboard/settings", $"/dashboard/settings?handler={handler}", field, fileName, text);
}
