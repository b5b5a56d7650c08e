using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Porter.Storage;
using Porter.Web.Tests.Dashboard;

namespace Porter.Web.Tests.Browser;

/// <summary>
/// The dashboard and the client's pages in a real browser (Debian's chromium through Playwright), over real HTTP on
/// loopback: log in, read the queue, open a held message, reply for the next working window, book a slot as a client,
/// read the agreement page. Every page: no console errors, no uncaught errors, no dialogs, and axe-core's WCAG 2.1 AA
/// rules. Screenshots are kept in artifacts/browser.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class BrowserTests(SqliteDatabases databases, Chromium chromium) : IClassFixture<SqliteDatabases>
{
    /// <summary>Tuesday 24 November 2026, 19:00 in London: after hours.</summary>
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 24, 19, 0);

    [Fact]
    public async Task Professional_LogsIn_ReadsTheQueue_OpensAHeldMessage_AndRepliesForTheNextWindow()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        factory.Clock.Reset(Evening);
        Uri address = factory.ServeOverHttp();
        using HttpClient api = factory.Authorized();
        await PostAsync(api, new { channel = "email", from = "jordan@northwind.example", to = "sam@riverastudio.example", subject = "Packaging dielines", body = "Could you send the dielines for the 250g bag?", messageId = "<b1@northwind.example>" });
        await PostAsync(api, new { channel = "sms", from = "+49 30 5550 1234", to = "sam", body = "Kurze Frage zum Cover", externalId = "SMB1" });
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");

        await using WatchedPage watched = await chromium.OpenAsync(address);
        IPage page = watched.Page;
        await page.GotoAsync("/");
        Assert.EndsWith("/login?ReturnUrl=%2Fdashboard", page.Url, StringComparison.Ordinal);
        await watched.ShotAsync("01-login");
        Assert.Empty(await watched.AccessibilityViolationsAsync());
        await page.GetByLabel("Email").FillAsync("sam@riverastudio.example");
        await page.GetByLabel("Password").FillAsync(Signed.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();

        await page.WaitForURLAsync("**/dashboard");
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Queue", Exact = true })).ToBeVisibleAsync();
        string held = await page.Locator("#held").InnerTextAsync();
        Assert.Contains("Packaging dielines", held, StringComparison.Ordinal);
        Assert.Contains("Wed 25 Nov, 09:00", held, StringComparison.Ordinal);
        await watched.ShotAsync("02-queue");
        Assert.Empty(await watched.AccessibilityViolationsAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Packaging dielines" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#held-until")).ToHaveTextAsync("Wed 25 Nov, 09:00");
        Assert.Contains("outside working hours", await page.Locator("#reasons").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#when-window").IsCheckedAsync(), "after hours the composer defaults to the next working window");
        await watched.ShotAsync("03-held-message");
        Assert.Empty(await watched.AccessibilityViolationsAsync());

        await page.GetByLabel("Your reply to jordan@northwind.example").FillAsync("Hi Jordan, the dielines come tomorrow morning.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Queue reply" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#queued")).ToContainTextAsync("at the next working window");
        await watched.ShotAsync("04-reply-queued");

        await page.GetByRole(AriaRole.Link, new() { Name = "Clients" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#clients")).ToContainTextAsync("Northwind Coffee");
        Assert.Empty(await watched.AccessibilityViolationsAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        foreach (ILocator chart in await page.Locator("img.chart").AllAsync())
        {
            Assert.True(await chart.EvaluateAsync<int>("i => i.complete ? i.naturalWidth : 0") > 0, $"{await chart.GetAttributeAsync("src")} did not draw");
        }

        Assert.Equal(3, await page.Locator("img.chart").CountAsync());
        await watched.ShotAsync("05-reports");
        Assert.Empty(await watched.AccessibilityViolationsAsync());

        await using (PorterDb db = factory.OpenDb())
        {
            Assert.Equal(Instant.FromUtc(2026, 11, 25, 13, 30), (await db.Actions.SingleAsync(a => a.Kind == Porter.Storage.Model.ActionKind.SendReply)).DueAt);
        }

        // The account page, then logging out with the header's button: back at the login page, and the queue is closed.
        await page.GetByRole(AriaRole.Link, new() { Name = "sam@riverastudio.example" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();
        Assert.Empty(await watched.AccessibilityViolationsAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.WaitForURLAsync("**/login");
        await page.GotoAsync("/dashboard");
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);

        Assert.Empty(watched.Errors);
        Assert.Empty(watched.Dialogs);
    }

    [Fact]
    public async Task Client_ReadsTheAgreement_AndBooksASlot_InTheirOwnZone()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        Uri address = factory.ServeOverHttp();
        string token;
        await using (PorterDb db = factory.OpenDb())
        {
            token = (await db.ClientLinks.SingleAsync(l => l.ClientId == "northwind")).Token;
        }

        await using WatchedPage watched = await chromium.OpenAsync(address);
        IPage page = watched.Page;
        await page.GotoAsync($"/c/{token}");
        await Microsoft.Playwright.Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How we work together" })).ToBeVisibleAsync();
        Assert.Contains("America/New_York", await page.Locator("#hours-heading").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("04:00–07:30", await page.Locator("#hours").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("urgent matters only", await page.Locator("#channels").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Logo concepts", await page.Locator("#milestones").InnerTextAsync(), StringComparison.Ordinal);
        await watched.ShotAsync("06-agreement");
        Assert.Empty(await watched.AccessibilityViolationsAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "Book a time" }).ClickAsync();
        await page.GetByLabel("08:30").First.CheckAsync();
        await page.GetByLabel("Your name").FillAsync("Jordan Lee");
        await page.GetByLabel("Your email").FillAsync("jordan@northwind.example");
        await watched.ShotAsync("07-booking");
        Assert.Empty(await watched.AccessibilityViolationsAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Book" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#booked")).ToContainTextAsync("Booked: Wednesday 25 November, 08:30–09:00 (America/New_York)");
        await watched.ShotAsync("08-booked");

        // The zone switch: the same slots, shown in London.
        await page.GetByLabel("Show times in").SelectOptionAsync("Europe/London");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByText("Times are in Europe/London")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator($"input[name=start][value=\"{Instant.FromUtc(2026, 11, 25, 13, 30).ToUnixTimeSeconds()}\"]").CountAsync());
        Assert.Equal("14:30", (await page.Locator($"label[for=slot-{Instant.FromUtc(2026, 11, 25, 14, 30).ToUnixTimeSeconds()}]").InnerTextAsync()).Trim());

        await using (PorterDb db = factory.OpenDb())
        {
            Assert.Equal(Instant.FromUtc(2026, 11, 25, 13, 30), (await db.Bookings.SingleAsync()).Start);
        }

        Assert.Empty(watched.Errors);
        Assert.Empty(watched.Dialogs);
    }

    [Fact]
    public async Task Professional_ChangesHours_AndPreviewsATemplate_InSettings()
    {
        string config = PorterFactory.CopyOfDemoConfig();
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), config: config);
        Uri address = factory.ServeOverHttp();
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        await using WatchedPage watched = await chromium.OpenAsync(address);
        IPage page = watched.Page;
        await watched.LogInAsync("sam@riverastudio.example", Signed.Password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        Assert.Empty(await watched.AccessibilityViolationsAsync());
        await page.Locator("#weekly-fri").FillAsync("09:00-12:30, 13:30-16:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save weekly hours" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#saved")).ToContainTextAsync("Weekly hours saved.");
        Assert.Equal("09:00-12:30, 13:30-16:00", await page.Locator("#weekly-fri").InputValueAsync());
        Assert.Contains("\"13:30-16:00\"", await File.ReadAllTextAsync(config), StringComparison.Ordinal);

        await page.Locator("#template-hold").FillAsync("Hello {{ first_name }}, back to you on {{ offer_date }}.");
        // As you type (the settings page's one script), then on the button (no script needed).
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#live-preview")).ToContainTextAsync("Hello Jordan, back to you on");
        await page.Locator("#template-hold").FillAsync("Hello {{ first_name ");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#live-preview")).ToContainTextAsync("Problem:");
        await page.Locator("#template-hold").FillAsync("Hello {{ first_name }}, back to you on {{ offer_date }}.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#preview")).ToContainTextAsync("Hello Jordan, back to you on");
        await watched.ShotAsync("09-settings");

        // A client's agreement, edited in the browser.
        await page.GetByRole(AriaRole.Link, new() { Name = "Clients" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Northwind Coffee" }).ClickAsync();
        Assert.Empty(await watched.AccessibilityViolationsAsync());
        await page.GetByLabel("Channel 1: promise").FillAsync("45m");
        await page.GetByLabel("Milestone 4: name").FillAsync("Packaging mock-ups");
        await page.GetByLabel("Milestone 4: due").FillAsync("2027-02-12");
        await watched.ShotAsync("10-client-editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save client" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.Locator("#saved")).ToContainTextAsync("Northwind Coffee saved.");
        Assert.Contains("\"45m\"", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
        Assert.Empty(watched.Errors);
        Assert.Empty(watched.Dialogs);
    }

    private static async Task<long> PostAsync(HttpClient api, object message)
    {
        HttpResponseMessage response = await api.PostAsJsonAsync("/api/v1/messages", message);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<Chromium>
{
    public const string Name = "Chromium";
}
