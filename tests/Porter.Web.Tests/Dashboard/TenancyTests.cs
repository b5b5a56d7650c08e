using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Porter.Storage;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// Each person sees their own organisation's data only, from the data layer up: over every dashboard route that
/// takes an id, another organisation's id answers exactly like a missing one (404, same body), on both providers.
/// </summary>
public abstract class TenancyTests(IDatabases databases)
{
    /// <summary>Each test message's attachment id.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<long, long> FileOf = new();

    /// <summary>Every dashboard route with an id, and how this test calls it. A new route fails the test until it is added here.</summary>
    private static readonly Dictionary<string, Func<HttpClient, long, Task<HttpResponseMessage>>> Routes = new(StringComparer.Ordinal)
    {
        ["dashboard/messages/{id:long}"] = (client, id) => client.GetAsync($"/dashboard/messages/{id}"),
        ["dashboard/messages/{id:long}/html"] = (client, id) => client.GetAsync($"/dashboard/messages/{id}/html"),
        ["dashboard/messages/{id:long}/attachments/{attachment:long}"] = (client, id) => client.GetAsync($"/dashboard/messages/{id}/attachments/{FileOf.GetValueOrDefault(id)}"),
    };

    /// <summary>The posts those routes take (Razor Pages handlers).</summary>
    private static readonly Func<HttpClient, long, Task<HttpResponseMessage>>[] Posts =
    [
        (client, id) => Signed.PostFormAsync(client, "/dashboard", $"/dashboard/messages/{id}?handler=Reply", ("body", "Thanks, on it."), ("when", "now")),
        (client, id) => Signed.PostFormAsync(client, "/dashboard", $"/dashboard/messages/{id}?handler=Done", ("done", "true")),
    ];

    [Fact]
    public async Task AnotherOrganisationsIds_AnswerLikeMissingOnes_OnEveryRoute()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient api = factory.Authorized();
        var ids = new List<long>();
        foreach (int i in Enumerable.Range(1, 3))
        {
            using var mail = new StringContent(
                $"From: Jordan Lee <jordan@northwind.example>\r\nTo: sam@riverastudio.example\r\nSubject: Files {i}\r\nMessage-ID: <t{i}@northwind.example>\r\n" +
                "Date: Tue, 24 Nov 2026 11:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
                "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Could you send the <b>files</b>?</p>\r\n" +
                "--b1\r\nContent-Type: application/pdf; name=\"brief.pdf\"\r\nContent-Disposition: attachment; filename=\"brief.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n");
            mail.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("message/rfc822");
            HttpResponseMessage posted = await api.PostAsync("/api/v1/mail", mail);
            ids.Add((await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }

        await using (Porter.Storage.PorterDb db = factory.OpenDb())
        {
            foreach (var file in await db.Attachments.Where(a => ids.Contains(a.MessageRecordId)).Select(a => new { a.MessageRecordId, a.Id }).ToListAsync())
            {
                FileOf[file.MessageRecordId] = file.Id;
            }
        }

        Assert.Equal(3, ids.Count(FileOf.ContainsKey));

        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        await Signed.CreateUserAsync(factory, "riley@otheragency.example", organisation: "Other Agency");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
        using HttpClient riley = await Signed.InAsync(factory, "riley@otheragency.example");

        string[] found = [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(p => p.TrimStart('/').StartsWith("dashboard", StringComparison.Ordinal) && p.Contains("{id", StringComparison.Ordinal))
            .Select(p => p.TrimStart('/'))
            .Distinct()];
        Assert.Equal(Routes.Keys.Order(), found.Order());

        long missing = ids.Max() + 1000;
        int actionsBefore = await CountActionsAsync(factory);
        foreach ((string route, var call) in Routes)
        {
            foreach (long id in ids)
            {
                HttpResponseMessage own = await call(sam, id);
                Assert.True(own.StatusCode == HttpStatusCode.OK, $"{route} with its own id {id}: {own.StatusCode}");
                HttpResponseMessage other = await call(riley, id);
                HttpResponseMessage absent = await call(riley, missing);
                Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
                Assert.Equal(await absent.Content.ReadAsStringAsync(), await other.Content.ReadAsStringAsync());
            }
        }

        foreach (var post in Posts)
        {
            HttpResponseMessage other = await post(riley, ids[0]);
            HttpResponseMessage absent = await post(riley, missing);
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        }

        Assert.Equal(actionsBefore, await CountActionsAsync(factory));
        await using (PorterDb db = factory.OpenDb())
        {
            Assert.Equal(0, await db.Messages.CountAsync(m => m.DoneAt != null));
        }

        HttpResponseMessage ownPost = await Posts[0](sam, ids[0]);
        Assert.Equal(HttpStatusCode.Redirect, ownPost.StatusCode);
        Assert.Equal(actionsBefore + 1, await CountActionsAsync(factory));

        // The queue pages: Riley's organisation has none of these messages.
        string rileysQueue = await riley.GetStringAsync("/dashboard");
        string samsQueue = await sam.GetStringAsync("/dashboard");
        Assert.DoesNotContain("Files 1", rileysQueue, StringComparison.Ordinal);
        Assert.Contains("Files 2", samsQueue, StringComparison.Ordinal);

        // The charts: Sam's load per client names Northwind; Riley's is empty of it.
        Assert.Contains("northwind", await sam.GetStringAsync("/dashboard/reports/load.svg"), StringComparison.Ordinal);
        Assert.DoesNotContain("northwind", await riley.GetStringAsync("/dashboard/reports/load.svg"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDataLayer_FiltersEveryQueryByTheTenant()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient api = factory.Authorized();
        HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", new { channel = "sms", from = "+1 212 555 0142", body = "Invoice?", externalId = "T1" });
        long id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        await using PorterDb db = factory.OpenDb();
        db.Organisations.Add(new Porter.Storage.Model.OrganisationRecord { Name = "Other Agency" });
        await db.SaveChangesAsync();
        long other = (await db.Organisations.SingleAsync(o => o.Name == "Other Agency")).Id;

        db.Tenant = other;
        Assert.Null(await db.Messages.FindAsync(id));
        Assert.Equal(0, await db.Messages.CountAsync());
        Assert.Equal(0, await db.Actions.CountAsync());
        Assert.Equal(0, await db.ClientLinks.CountAsync());
        db.Tenant = Porter.Storage.Model.OrganisationRecord.InstanceId;
        Assert.Equal(1, await db.Messages.CountAsync(m => m.Id == id));
    }

    private static async Task<int> CountActionsAsync(PorterFactory factory)
    {
        await using PorterDb db = factory.OpenDb();
        return await db.Actions.CountAsync();
    }
}

public sealed class SqliteTenancyTests(SqliteDatabases databases) : TenancyTests(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresTenancyTests(PostgresDatabases databases) : TenancyTests(databases);
