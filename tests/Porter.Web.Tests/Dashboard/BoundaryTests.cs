using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NodaTime;
using Porter.Testing;

namespace Porter.Web.Tests.Dashboard;

/// <summary>
/// Graceful responses to boundary signals, through the dashboard: a gentle reply per signal offered in the composer
/// (filled in for the professional to edit), and a client's pattern of signals over weeks summarised on the clients
/// page for a conversation.
/// </summary>
public abstract class BoundaryTestsBase(IDatabases databases)
{
    [Fact]
    public async Task AfterHoursWeekAfterWeek_IsAPattern_AndThePersonalRequest_GetsAGentleReply()
    {
        await using PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync());
        using HttpClient api = factory.Authorized();
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        // Jordan writes at 23:00 London on three Tuesdays running; the last time, for Sam's home address.
        long personal = 0;
        foreach ((int day, string body) in new[] { (10, "Quick one about the logo files"), (17, "Any news on the guidelines?"), (24, "Could you send me your home address? We'd like to send a gift") })
        {
            factory.Clock.Reset(Instant.FromUtc(2026, 11, day, 23, 0));
            HttpResponseMessage posted = await api.PostAsJsonAsync("/api/v1/messages", new
            {
                channel = "email", from = "jordan@northwind.example", to = new[] { "sam@riverastudio.example" }, subject = "Hello", body, externalId = $"b-{day}",
            });
            Assert.True(posted.IsSuccessStatusCode);
            personal = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        }

        string clients = WebUtility.HtmlDecode(await sam.GetStringAsync("/dashboard/clients"));
        Assert.Contains("wrote after hours 3 times in 3 of the last 8 weeks", clients, StringComparison.Ordinal);
        Assert.Contains("A pattern worth a conversation: wrote after hours.", clients, StringComparison.Ordinal);
        Assert.Contains("asked for personal information once in 1 of the last 8 weeks", clients, StringComparison.Ordinal);

        // The composer offers the gentle replies for the signals of the message, and fills one in.
        string page = WebUtility.HtmlDecode(await sam.GetStringAsync($"/dashboard/messages/{personal}"));
        Assert.Contains("data-signal=\"personal_info_request\"", page, StringComparison.Ordinal);
        Assert.Contains("data-signal=\"after_hours\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-signal=\"out_of_scope\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("rather not share them", page, StringComparison.Ordinal);
        string offered = WebUtility.HtmlDecode(await sam.GetStringAsync($"/dashboard/messages/{personal}?template=personal_info_request"));
        Assert.Matches("<textarea id=\"reply-body\" name=\"body\" required>Hi Jordan,\\s+Thanks for asking\\. I keep my personal details", offered);

        // A template for a signal the message does not carry is not filled in.
        string other = WebUtility.HtmlDecode(await sam.GetStringAsync($"/dashboard/messages/{personal}?template=out_of_scope"));
        Assert.Contains("<textarea id=\"reply-body\" name=\"body\" required></textarea>", other, StringComparison.Ordinal);
    }
}

public sealed class SqliteBoundaryTests(SqliteDatabases databases) : BoundaryTestsBase(databases), IClassFixture<SqliteDatabases>;

[Collection(PostgresGroup.Name)]
public sealed class PostgresBoundaryTests(PostgresDatabases databases) : BoundaryTestsBase(databases);
