using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Porter.Storage.Model;
using Microsoft.EntityFrameworkCore;
using Porter.Storage;

namespace Porter.Web.Tests.Dashboard;

/// <summary>Security headers and cookies on every response, the login's rate limit and lockout, antiforgery, the password rules.</summary>
public sealed class SecurityTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders_AndOnlyHostPrefixedSecureCookies()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient anonymous = Signed.Browser(factory);
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
        string token;
        await using (PorterDb db = factory.OpenDb())
        {
            token = (await db.ClientLinks.FirstAsync(l => l.ClientId == "northwind")).Token;
        }

        var responses = new List<(string What, HttpResponseMessage Response)>();
        foreach (string path in new[] { "/", "/login", "/dashboard", "/api/v1/ping", "/assets/porter.css", "/nowhere", "/c/not-a-token", $"/c/{token}", $"/c/{token}/book", $"/c/{token}/bookings.ics", "/health/ready", "/openapi/v1.json" })
        {
            responses.Add(($"anonymous GET {path}", await anonymous.GetAsync(path)));
        }

        foreach (string path in new[] { "/dashboard", "/dashboard/clients", "/dashboard/messages/12345" })
        {
            responses.Add(($"signed-in GET {path}", await sam.GetAsync(path)));
        }

        responses.Add(("failed login", await Signed.LogInAsync(Signed.Browser(factory), "sam@riverastudio.example", "wrong password here")));
        responses.Add(("login", await Signed.LogInAsync(Signed.Browser(factory), "sam@riverastudio.example", Signed.Password)));
        responses.Add(("logout", await Signed.PostFormAsync(sam, "/dashboard", "/logout")));

        var cookieNames = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string what, HttpResponseMessage response) in responses)
        {
            HttpResponseHeaders h = response.Headers;
            Assert.True(h.Contains("Strict-Transport-Security"), $"{what}: no HSTS");
            Assert.StartsWith("max-age=31536000", h.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
            Assert.True(h.Contains("Content-Security-Policy"), $"{what}: no CSP");
            Assert.Contains("script-src 'none'", h.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal("nosniff", h.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", h.GetValues("Referrer-Policy").Single());
            if (h.TryGetValues("Set-Cookie", out IEnumerable<string>? setCookies) && setCookies is not null)
            {
                foreach (string cookie in setCookies)
                {
                    cookieNames.Add(cookie.Split('=')[0]);
                    Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
                    Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
                    Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
                    Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
                }
            }
        }

        // The test must have seen the cookies it checks: the sign-in cookie and the antiforgery cookie.
        Assert.Contains("__Host-porter", cookieNames);
        Assert.Contains("__Host-porter-csrf", cookieNames);
    }

    [Fact]
    public async Task Login_IsRateLimitedPerAddress()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient client = Signed.Browser(factory);
        var statuses = new List<HttpStatusCode>();
        for (int i = 0; i < 12; i++)
        {
            statuses.Add((await Signed.LogInAsync(client, $"nobody{i}@example.com", "not the password at all")).StatusCode);
        }

        Assert.All(statuses.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[10]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[11]);
        HttpResponseMessage limited = await Signed.LogInAsync(client, "nobody@example.com", "not the password at all");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The form itself stays readable.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/login")).StatusCode);
    }

    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenAgainstTheRightOne_AndThePageTellsNoAccountApart()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient client = Signed.Browser(factory);
        using HttpClient stranger = Signed.Browser(factory);
        var wrong = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            wrong.Add(await (await Signed.LogInAsync(client, "sam@riverastudio.example", $"wrong password {i}")).Content.ReadAsStringAsync());
            Assert.Contains(Porter.Web.Pages.LoginModel.FailedLogin, wrong[^1], StringComparison.Ordinal);
        }

        // Locked: the right password does not sign in, and the page reads exactly as for a wrong password or an
        // address with no account (the login form takes ten posts a minute, so seven are made here).
        HttpResponseMessage right = await Signed.LogInAsync(client, "sam@riverastudio.example", Signed.Password);
        HttpResponseMessage none = await Signed.LogInAsync(stranger, "nobody@riverastudio.example", Signed.Password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(none.StatusCode, right.StatusCode);
        string locked = Comparable(await right.Content.ReadAsStringAsync(), "sam@");
        Assert.Equal(Comparable(await none.Content.ReadAsStringAsync(), "nobody@"), locked);
        Assert.Equal(Comparable(wrong[0], "sam@"), locked);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/dashboard")).StatusCode);

        // A page without its form token and the email typed, to compare answers for two addresses.
        static string Comparable(string page, string email) =>
            System.Text.RegularExpressions.Regex.Replace(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "token").Replace(email, "EMAIL", StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostWithoutItsAntiforgeryToken_IsRefused()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        using var form = new FormUrlEncodedContent([new("status", "vacation")]);
        HttpResponseMessage response = await sam.PostAsync("/dashboard?handler=Status", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form had expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Status: available", await sam.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passwords_FollowAsvs_LengthNotCharacterKinds()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        await using AsyncServiceScope scope = factory.Services.CreateAsyncScope();
        UserManager<PorterUser> users = scope.ServiceProvider.GetRequiredService<UserManager<PorterUser>>();
        PorterDb db = scope.ServiceProvider.GetRequiredService<PorterDb>();

        Assert.Contains(await Porter.Web.Accounts.Accounts.CreateAsync(users, db, "a@example.com", "Sh0rt!pass"), e => e.Contains("at least 12", StringComparison.Ordinal));
        Assert.Contains(await Porter.Web.Accounts.Accounts.CreateAsync(users, db, "b@example.com", new string('x', 129)), e => e.Contains("at most 128", StringComparison.Ordinal));
        Assert.Contains(await Porter.Web.Accounts.Accounts.CreateAsync(users, db, "robin.hood@example.com", "my name is robin.hood!"), e => e.Contains("email", StringComparison.Ordinal));
        Assert.Empty(await Porter.Web.Accounts.Accounts.CreateAsync(users, db, "c@example.com", "all lowercase words are fine"));
        Assert.Empty(await Porter.Web.Accounts.Accounts.CreateAsync(users, db, "d@example.com", "ÜnïcødÉ pässphrâse ✓ fine"));
    }
}

/// <summary>Two instances on one PostgreSQL database share the cookie keys: signed in on one, signed in on the other.</summary>
[Collection(PostgresGroup.Name)]
public sealed class SharedKeysTests(PostgresDatabases databases)
{
    [Fact]
    public async Task ASignInOnOneInstance_HoldsOnAnother()
    {
        StorageOptions storage = await databases.CreateAsync();
        await using PorterFactory first = await PorterFactory.StartAsync(storage);
        await using PorterFactory second = await PorterFactory.StartAsync(storage);
        await Signed.CreateUserAsync(first, "sam@riverastudio.example");
        using HttpClient onFirst = first.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });

        HttpResponseMessage form = await onFirst.GetAsync("/login");
        string csrf = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-porter-csrf=", StringComparison.Ordinal)).Split(';')[0];
        string token = Signed.Token(await form.Content.ReadAsStringAsync());
        using var login = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([new("email", "sam@riverastudio.example"), new("password", Signed.Password), new("__RequestVerificationToken", token)]),
        };
        login.Headers.Add("Cookie", csrf);
        HttpResponseMessage signedIn = await onFirst.SendAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        string cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-porter=", StringComparison.Ordinal)).Split(';')[0];

        using HttpClient onSecond = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        using var queue = new HttpRequestMessage(HttpMethod.Get, "/dashboard");
        queue.Headers.Add("Cookie", cookie);
        HttpResponseMessage response = await onSecond.SendAsync(queue);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Queue", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The keys are in the database (so it holds across machines too, not only through a key file both processes here could read).
        await using PorterDb db = first.OpenDb();
        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }
}
