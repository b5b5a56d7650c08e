using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Porter.Storage;

namespace Porter.Web.Tests.Dashboard;

/// <summary>Clients and agreements edited in the browser: written into porter.json's clients, checked, live at once.</summary>
public sealed class ClientEditorTests(SqliteDatabases databases) : IClassFixture<SqliteDatabases>
{
    [Fact]
    public async Task EditingAnAgreement_ChangesTheClientsPage_AndKeepsWhatTheFormDoesNotShow()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");

        var fields = await Signed.FormAsync(sam, "/dashboard/settings/client/northwind", "#client-form");
        Assert.Contains(fields, f => f.Key == "channel-0-promise" && f.Value == "1h");
        Signed.Set(fields, "channel-0-promise", "30m");
        Signed.Set(fields, "milestone-3-name", "Packaging mock-ups");
        Signed.Set(fields, "milestone-3-due", "2027-02-12");
        HttpResponseMessage saved = await sam.PostAsync("/dashboard/settings/client/northwind", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        string file = await File.ReadAllTextAsync(config);
        Assert.Contains("\"30m\"", file, StringComparison.Ordinal);
        Assert.Contains("Packaging mock-ups", file, StringComparison.Ordinal);
        JsonElement northwind = await factory.Authorized().GetFromJsonAsync<JsonElement>("/api/v1/clients/northwind");
        Assert.Contains(northwind.GetProperty("channels").EnumerateArray(), c => c.GetProperty("channel").GetString() == "sms" && c.GetProperty("promise").GetString() == "0h30m");

        // Fabrikam's own signal phrases are not on the form; saving Fabrikam keeps them.
        var fabrikam = await Signed.FormAsync(sam, "/dashboard/settings/client/fabrikam", "#client-form");
        Signed.Set(fabrikam, "name", "Fabrikam Books GmbH");
        Assert.Equal(HttpStatusCode.Redirect, (await sam.PostAsync("/dashboard/settings/client/fabrikam", new FormUrlEncodedContent(fabrikam))).StatusCode);
        string after = await File.ReadAllTextAsync(config);
        Assert.Contains("Fabrikam Books GmbH", after, StringComparison.Ordinal);
        Assert.Contains("neuer termin", after, StringComparison.Ordinal);
        Assert.Contains("vielen Dank", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewClient_IsKnownAtOnce_AndGetsALink_ABadOneIsRefusedWithItsProblem()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        using HttpClient sam = await Signed.InAsync(factory, "sam@riverastudio.example");
        string before = await File.ReadAllTextAsync(config);

        var bad = await Signed.FormAsync(sam, "/dashboard/settings/client", "#client-form");
        Signed.Set(bad, "id", "contoso");
        Signed.Set(bad, "name", "Contoso");
        Signed.Set(bad, "contact-0-name", "Ana Ruiz");
        Signed.Set(bad, "contact-0-emails", "ana@contoso.example");
        Signed.Set(bad, "channel-0-channel", "sms");
        Signed.Set(bad, "channel-0-role", "urgent");
        HttpResponseMessage refused = await sam.PostAsync("/dashboard/settings/client", new FormUrlEncodedContent(bad));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("clients[2].channels[0]: an urgent channel needs a", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(config));

        Signed.Set(bad, "channel-0-promise", "2h");
        HttpResponseMessage saved = await sam.PostAsync("/dashboard/settings/client", new FormUrlEncodedContent(bad));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Contoso saved.", WebUtility.HtmlDecode(await sam.GetStringAsync(saved.Headers.Location!.ToString())), StringComparison.Ordinal);
        await using (PorterDb db = factory.OpenDb())
        {
            Assert.True(await db.ClientLinks.AnyAsync(l => l.ClientId == "contoso"));
        }

        HttpResponseMessage posted = await factory.Authorized().PostAsJsonAsync("/api/v1/messages", new { channel = "email", from = "ana@contoso.example", to = "sam@riverastudio.example", subject = "Hello", body = "Could we talk?", messageId = "<c1@contoso.example>" });
        Assert.Equal("contoso", (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("decision").GetProperty("clientId").GetString());

        HttpResponseMessage removed = await Signed.PostFormAsync(sam, "/dashboard/settings/client/contoso", "/dashboard/settings/client/contoso?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain("contoso", await File.ReadAllTextAsync(config), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherOrganisation_SeesNoSettings()
    {
        (PorterFactory factory, string config) = await StartAsync();
        await using PorterFactory _ = factory;
        Assert.True(File.Exists(config));
        await Signed.CreateUserAsync(factory, "riley@otheragency.example", organisation: "Other Agency");
        using HttpClient riley = await Signed.InAsync(factory, "riley@otheragency.example");

        Assert.Equal(HttpStatusCode.NotFound, (await riley.GetAsync("/dashboard/settings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await riley.GetAsync("/dashboard/settings/client/northwind")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await riley.GetAsync("/dashboard/settings?handler=Export")).StatusCode);
        HttpResponseMessage post = await Signed.PostFormAsync(riley, "/dashboard", "/dashboard/settings?handler=Weekly", ("mon", "00:00-23:00"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    private async Task<(PorterFactory Factory, string Config)> StartAsync()
    {
        string config = PorterFactory.CopyOfDemoConfig();
        PorterFactory factory = await PorterFactory.StartAsync(await databases.CreateAsync(), config: config);
        await Signed.CreateUserAsync(factory, "sam@riverastudio.example");
        return (factory, config);
    }
}
