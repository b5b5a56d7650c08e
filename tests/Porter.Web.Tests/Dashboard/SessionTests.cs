using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Porter.Storage;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// A session ends when the person logs out or changes their password, everywhere: a sign-in cookie saved before (a
/// stolen one, or another device's) neither reads a message nor posts a change after it, on both providers.
/// </summary>
public abstract class SessionTests(IDatabases databases)
{
    private static readonly Uri Site = new("https://localhost");

    [Fact]
    public async Task ACookieSavedBeforeLogout_OpensNothingAfterIt_OnAnyDevice()
    {
        (PorterFactory factory, long id) = await StartAsync();
        await using PorterFactory _ = factory;
        (HttpClient laptop, CookieContainer jar) = await BrowserAsync(factory);
        using HttpClient _laptop = laptop;
        using HttpClient phone = await Signed.InAsync(factory, "sam@riverastudio.example");
        string token = Signed.Token(await laptop.GetStringAsync("/dashboard"));
        string saved = jar.GetCookieHeader(Site);
        using (HttpClient copy = Replay(factory, saved))
        {
            Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync($"/dashboard/messages/{id}")).StatusCode);
        }

        HttpResponseMessage logout = await Signed.PostFormAsync(laptop, "/dashboard", "/logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using HttpClient stolen = Replay(factory, saved);
        AssertSentToLogin(await stolen.GetAsync($"/dashboard/messages/{id}"));
        AssertSentToLogin(await stolen.GetAsync("/dashboard/settings?handler=Export"));
        using var post = new FormUrlEncodedContent([new("status", "off"), new("__RequestVerificationToken", token)]);
        AssertSentToLogin(await stolen.PostAsync("/dashboard?handler=Status", post));
        AssertSentToLogin(await phone.GetAsync($"/dashboard/messages/{id}"));
        Assert.Equal("available", await StatusAsync(factory));

        // Logging in again works, and opens a new session.
        using HttpClient again = await Signed.InAsync(factory, "sam@riverastudio.example");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/dashboard/messages/{id}")).StatusCode);
    }

    [Fact]
    public async Task APasswordChange_EndsEveryOtherSession_AndKeepsThisOne()
    {
        (PorterFactory factory, long id) = await StartAsync();
        await using PorterFactory _ = factory;
        using HttpClient laptop = await Signed.InAsync(factory, "sam@riverastudio.example");
        (HttpClient phone, CookieContainer jar) = await BrowserAsync(factory);
        using HttpClient _phone = phone;
        string saved = jar.GetCookieHeader(Site);
        const string Changed = "a brand new studio passphrase";

        HttpResponseMessage wrong = await Signed.PostFormAsync(laptop, "/dashboard/account", "/dashboard/account", ("current", "not it at all"), ("password", Changed), ("confirm", Changed));
        Assert.Contains("The current password is not right.", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync($"/dashboard/messages/{id}")).StatusCode);

        HttpResponseMessage changed = await Signed.PostFormAsync(laptop, "/dashboard/account", "/dashboard/account", ("current", Signed.Password), ("password", Changed), ("confirm", Changed));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync($"/dashboard/messages/{id}")).StatusCode);
        AssertSentToLogin(await phone.GetAsync($"/dashboard/messages/{id}"));
        using HttpClient stolen = Replay(factory, saved);
        AssertSentToLogin(await stolen.GetAsync($"/dashboard/messages/{id}"));

        // The old password opens nothing; the new one does.
        using HttpClient fresh = Signed.Browser(factory);
        Assert.Equal(HttpStatusCode.OK, (await Signed.LogInAsync(fresh, "sam@riverastudio.example", Signed.Password)).StatusCode);
        using HttpClient withNew = await Signed.InAsync(factory, "sam@riverastudio.example", Changed);
    }

    private static void AssertSentToLogin(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A browser whose cookies the test can read (as a thief who copied them would).</summary>
    private static async Task<(HttpClient Client, CookieContainer Cookies)> BrowserAsync(PorterFactory factory)
    {
        var cookies = new CookieContainer();
        HttpClient client = factory.CreateDefaultClient(Site, new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        HttpResponseMessage response = await Signed.LogInAsync(client, "sam@riverastudio.example", Signed.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, cookies);
    }

    /// <summary>A client that sends saved cookies and keeps none of its own.</summary>
    private static HttpClient Replay(PorterFactory factory, string cookies)
    {
        HttpClient client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Site, AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookies);
        return client;
    }

    private async Task<(PorterFactory Factory, long Id)> StartAsync()
    {
        PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient api = factory.Authorized();
        HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", new { channel = "sms", from = "+1 212 555 0142", body = "Invoice?", externalId = "S1" });
        return (factory, (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
    }

    private static async Task<string> StatusAsync(PorterFactory factory)
    {
        await using PorterDb db = factory.OpenDb();
        return (await db.Settings.FirstOrDefaultAsync(s => s.Key.Contains("status")))?.Value ?? "available";
    }
}

public sealed class SqliteSessionTests(SqliteDatabases databases) : SessionTests(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresSessionTests(PostgresDatabases databases) : SessionTests(databases);
