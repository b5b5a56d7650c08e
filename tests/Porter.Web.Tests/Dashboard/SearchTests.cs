using System.Net;
using System.Net.Http.Json;
using Porter.Storage.Messages;
using Porter.Testing;

namespace Porter.Web.Tests.Dashboard;

/// <summary>Search in the dashboard: full text (stemmed) over subjects, bodies and senders, with filters, on each database.</summary>
public abstract class SearchTestsBase(IDatabases databases)
{
    [Fact]
    public async Task Words_AndFilters_FindTheRightMessages_NewestFirst()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient api = factory.Authorized();
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        await PostAsync(api, "jordan@northwind.example", "Invoices for October", "Could you resend the invoices? Our accountant lost them.", "2026-11-20T10:00:00Z");
        await PostAsync(api, "priya@northwind.example", "Logo concepts", "The second logo concept is our favourite; could you refine it?", "2026-11-21T10:00:00Z");
        await PostAsync(api, "lena@fabrikam.example", "Cover invoice", "Please find our payment for the cover invoice attached.", "2026-11-22T10:00:00Z");
        await PostAsync(api, "stranger@elsewhere.example", "Newsletter", "Buy our widgets: \"special\" * offer (NEAR) OR NOT", "2026-11-23T10:00:00Z");

        // Stemmed: "invoice" finds "invoices"; newest first.
        Assert.Equal(["Cover invoice", "Invoices for October"], await SearchAsync(sam, "q=invoice"));
        // All words are required; a sender's address is searchable by its parts.
        Assert.Equal(["Invoices for October"], await SearchAsync(sam, "q=invoice+accountant"));
        Assert.Equal(["Logo concepts", "Invoices for October"], await SearchAsync(sam, "q=northwind"));
        Assert.Equal(["Logo concepts"], await SearchAsync(sam, "q=priya%40northwind.example"));
        // Filters alone, and with words.
        Assert.Equal(["Cover invoice"], await SearchAsync(sam, "q=invoice&client=fabrikam"));
        Assert.Equal(["Logo concepts", "Invoices for October"], await SearchAsync(sam, "client=northwind&status=waiting"));
        // Query syntax typed by a person is read as words, never as an error.
        Assert.Equal(["Newsletter"], await SearchAsync(sam, "q=%22special%22+*+offer+(NEAR)+OR+NOT"));
        Assert.Empty(await SearchAsync(sam, "q=%22%22+***"));
        Assert.Empty(await SearchAsync(sam, "q=zebra"));
        // An unknown filter value is dropped, not an error.
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync("/dashboard/search?q=invoice&client=nobody&signal=x&decision=y&status=z")).StatusCode);
    }

    [Fact]
    public void Fts5Query_QuotesEveryWord() =>
        Assert.Equal("\"special\" \"offer\" \"NEAR\" \"a.b@c.example\"", MessageSearch.Fts5Query("\"special\" * offer (NEAR) a.b@c.example"));

    private static async Task PostAsync(HttpClient api, string from, string subject, string body, string receivedAt)
    {
        HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", new { channel = "email", from, to = new[] { "sam@riverastudio.example" }, subject, body, receivedAt });
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
    }

    private static async Task<string[]> SearchAsync(HttpClient client, string query)
    {
        string html = WebUtility.HtmlDecode(await client.GetStringAsync($"/dashboard/search?{query}"));
        return [.. System.Text.RegularExpressions.Regex.Matches(html, "<li><a href=\"/dashboard/messages/\\d+\">([^<]*)</a>").Select(m => m.Groups[1].Value)];
    }
}

public sealed class SqliteSearchTests(SqliteDatabases databases) : SearchTestsBase(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresSearchTests(PostgresDatabases databases) : SearchTestsBase(databases);
