using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MimeKit;
using Porter.Testing;
using Porter.Web.Tests.Dashboard;

namespace Porter.Web.Tests.Browser;

/// <summary>
/// An XSS corpus shown in the dashboard, in chromium: hostile HTML mail (script, event handlers, javascript: URLs, SVG,
/// CSS @import and remote images, srcdoc, mutation XSS, meta refresh, base, forms, objects) with hostile subjects and
/// senders, and hostile SMS text. Every payload tries to run <c>alert</c>, set <c>window.__xss</c>, or fetch from a
/// listener on loopback; the test sees zero executions, zero fetches and no console errors, on the queue and on each
/// message's page with its sandboxed frame.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed class XssTests(SqliteDatabases databases, Chromium chromium) : IClassFixture<SqliteDatabases>
{
    /// <summary>The HTML bodies; {0} is the attacker's address.</summary>
    private static readonly string[] Payloads =
    [
        "<p>Hello</p><script>window.__xss=1;alert('script')</script>",
        "<img src=x onerror=\"window.__xss=1;alert('onerror')\">",
        "<a id=js href=\"javascript:window.__xss=1;alert('href')\">open the brief</a>",
        "<a href=\"JaVaScRiPt&#58;alert('entity')\">entity-encoded</a><a href=\" &#14; javascript:alert('ws')\">whitespace</a>",
        "<svg onload=\"alert('svg')\"><script>alert('svg-script')</script><a xlink:href=\"javascript:alert('svg-href')\"><text>x</text></a></svg>",
        "<style>@import url('{0}/import.css');</style><div style=\"background:url({0}/bg.png)\">styled</div>",
        "<div style=\"width:expression(alert('expr'));background-image:url('javascript:alert(1)')\">old IE</div>",
        "<iframe srcdoc=\"<script>parent.__xss=1;alert('srcdoc')</script>\"></iframe><iframe src=\"javascript:alert('iframe')\"></iframe>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert('mxss')></style></mglyph></table></mtext></math>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert('noscript')>\"></noscript>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('meta')\"><base href=\"{0}/\"><a href=\"relative\">relative</a>",
        "<form action=\"{0}/steal\"><input name=password><button formaction=\"javascript:alert('form')\">Sign in</button></form>",
        "<object data=\"javascript:alert('object')\"></object><embed src=\"{0}/embed.swf\"><video><source onerror=\"alert('video')\"></video>",
        "<img src=\"{0}/pixel.gif\" width=1 height=1><link rel=stylesheet href=\"{0}/link.css\">",
        "<details open ontoggle=\"alert('details')\"><summary>more</summary></details><body onload=\"alert('body')\">",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YScpPC9zY3JpcHQ+\">data URL</a><img src=\"data:image/svg+xml,<svg onload=alert('dataimg')>\">",
    ];

    private const string HostileSubject = "\"><script>alert('subject')</script><img src=x onerror=alert('subject-img')>";

    [Fact]
    public async Task HostileMail_IsShownWithZeroExecutions()
    {
        using var attacker = new HttpListener();
        int attackerPort = Loopback.FreePort();
        string attackerUrl = $"http://127.0.0.1:{attackerPort}";
        attacker.Prefixes.Add(attackerUrl + "/");
        attacker.Start();
        int fetched = 0;
        _ = Task.Run(async () =>
        {
            while (attacker.IsListening)
            {
                try
                {
                    HttpListenerContext context = await attacker.GetContextAsync();
                    Interlocked.Increment(ref fetched);
                    context.Response.StatusCode = 204;
                    context.Response.Close();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        });

        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        Uri address = factory.ServeOverHttp();
        using HttpClient api = factory.Authorized();
        var ids = new List<long>();
        for (int i = 0; i < Payloads.Length; i++)
        {
            using var message = new MimeMessage();
            message.From.Add(new MailboxAddress("<img src=x onerror=alert('from')>", "jordan@northwind.example"));
            message.To.Add(new MailboxAddress("Sam", "sam@riverastudio.example"));
            message.Subject = $"{HostileSubject} #{i}";
            message.MessageId = $"xss{i}@northwind.example";
            message.Date = new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero);
            message.Body = new BodyBuilder
            {
                TextBody = $"<script>alert('text {i}')</script> plain text part",
                HtmlBody = string.Format(System.Globalization.CultureInfo.InvariantCulture, Payloads[i], attackerUrl),
            }.ToMessageBody();
            using var stream = new MemoryStream();
            await message.WriteToAsync(stream);
            using var content = new ByteArrayContent(stream.ToArray());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
            HttpResponseMessage posted = await api.PostAsync("/api/v1/mail", content);
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
            ids.Add((await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }

        HttpResponseMessage sms = await api.PostAsJsonAsync("/api/v1/messages", new
        {
            channel = "sms", from = "+1 212 555 0142", body = "<svg/onload=alert('sms')><script>alert('sms')</script>", externalId = "xss-sms",
        });
        ids.Add((await sms.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");

        await using WatchedPage watched = await chromium.OpenAsync(address);
        IPage page = watched.Page;
        await watched.LogInAsync("sam@riverastudio.example", Signed.Password);

        Assert.Contains("<script>alert('subject')</script>", await page.Locator("#queue").InnerTextAsync(), StringComparison.Ordinal);
        await watched.ShotAsync("11-xss-queue");

        int framesChecked = 0;
        foreach (long id in ids)
        {
            await page.GotoAsync($"/dashboard/messages/{id}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            if (await page.Locator("#html-body").CountAsync() > 0)
            {
                IFrame frame = page.Frames.Single(f => f.Url.EndsWith($"/dashboard/messages/{id}/html", StringComparison.Ordinal));
                string shown = await frame.ContentAsync();
                framesChecked++;
                Assert.True(await frame.Locator("script, iframe, object, embed, form, style, link, meta:not([charset]), base, svg").CountAsync() == 0, shown);
                Assert.True(await frame.Locator("[onerror], [onload], [ontoggle], [formaction], a[href^='javascript' i], a[href^='data' i]").CountAsync() == 0, shown);
                // What links remain lead to web or mail addresses only (the frame has no script and cannot open windows).
                foreach (ILocator link in await frame.Locator("a[href]").AllAsync())
                {
                    string href = (await link.GetAttributeAsync("href"))!.Trim();
                    Assert.True(!href.Contains(':', StringComparison.Ordinal) || href.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase), href);
                }
            }

            Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss ?? null"));
        }

        await watched.ShotAsync("12-xss-message");
        Assert.Equal(Payloads.Length, framesChecked);
        await Task.Delay(500);
        attacker.Stop();
        Assert.Empty(watched.Dialogs);
        Assert.True(watched.Errors.Count == 0, string.Join("\n", watched.Errors));
        Assert.DoesNotContain(watched.Requests, r => r.StartsWith(attackerUrl, StringComparison.Ordinal));
        Assert.Equal(0, fetched);
    }
}
