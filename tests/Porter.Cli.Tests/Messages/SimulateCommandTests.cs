using System.Text.Json;
using Porter.Testing;

namespace Porter.Cli.Tests.Messages;

public class SimulateCommandTests
{
    private static readonly string Config = Path.Combine(RepositoryPaths.Samples, "porter.json");

    private static string Write(string name, string content)
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("porter-sim").FullName, name);
        File.WriteAllText(file, content);
        return file;
    }

    [Fact]
    public void Simulate_EmlAfterHours_IsHeldWithAnOfferAndReasons()
    {
        string eml = Write("late.eml", "From: Jordan Lee <jordan@northwind.example>\nTo: sam@riverastudio.example\nSubject: Logo\nDate: Tue, 24 Nov 2026 18:10:00 -0500\nMessage-ID: <late@northwind.example>\n\nCould you send the logo files tonight?\n");
        (int exitCode, string output, string error) = CliRunner.Run("simulate", "-c", Config, "-m", eml, "--json");
        Assert.True(exitCode == 0, error);
        JsonElement d = JsonDocument.Parse(output).RootElement;
        Assert.Equal("hold", d.GetProperty("decision").GetString());
        Assert.Equal("northwind", d.GetProperty("client").GetString());
        Assert.Equal("2026-11-25T09:00:00Z", d.GetProperty("holdUntil").GetString());
        JsonElement reply = d.GetProperty("autoReply");
        // Sam is back at 09:00 London (04:00 New York); the first time Northwind (08:00-18:00 there) is working too is
        // 13:30 London, after Sam's lunch: 08:30 in New York.
        Assert.Equal("2026-11-25T08:30:00-05:00", reply.GetProperty("offeredTimeLocal").GetString());
        Assert.Equal("sms", reply.GetProperty("urgentChannel").GetString());
        Assert.Equal("<late@northwind.example>", reply.GetProperty("inReplyTo").GetString());
        Assert.Contains(d.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "hold");
        Assert.Equal(["after_hours"], d.GetProperty("signals").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public void Simulate_WithHistory_CountsTheReplyWindow_AndShowsTheThread()
    {
        string first = Write("1.eml", "From: Jordan Lee <Jordan@Northwind.example>\nTo: sam@riverastudio.example\nSubject: Logo\nDate: Tue, 24 Nov 2026 18:10:00 -0500\nMessage-ID: <h1@northwind.example>\n\nCould you send the logo files?\n");
        string second = Write("2.eml", "From: jordan@northwind.example\nTo: sam@riverastudio.example\nSubject: Re: Logo\nDate: Tue, 24 Nov 2026 19:30:00 -0500\nMessage-ID: <h2@northwind.example>\nIn-Reply-To: <h1@northwind.example>\n\nAnd the fonts, please.\n");

        (int alone, string without, _) = CliRunner.Run("simulate", "-c", Config, "-m", second, "--json");
        (int code, string output, string error) = CliRunner.Run("simulate", "-c", Config, "-m", second, "--history", first, "--json");

        Assert.Equal(0, alone);
        Assert.True(code == 0, error);
        Assert.NotEqual(JsonValueKind.Null, JsonDocument.Parse(without).RootElement.GetProperty("autoReply").ValueKind);
        JsonElement d = JsonDocument.Parse(output).RootElement;
        Assert.Equal(JsonValueKind.Null, d.GetProperty("autoReply").ValueKind); // the first got one; the window (case ignored) holds
        Assert.Contains(d.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("rule").GetString() == "auto-reply-limit");
        Assert.Equal(1, d.GetProperty("history").GetProperty("earlier").GetInt32());
        Assert.Equal("2026-11-24T23:10:00Z", d.GetProperty("history").GetProperty("lastAutoReply").GetString());
        Assert.Equal("<h1@northwind.example>", d.GetProperty("history").GetProperty("inReplyTo").GetString());

        (_, string told, _) = CliRunner.Run("simulate", "-c", Config, "-m", second, "--history", first);
        Assert.Contains("1 earlier message decided first", told, StringComparison.Ordinal);
        Assert.Contains("answers \"Logo\"", told, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_JsonSms_UrgentMatterIsEscalated()
    {
        string json = Write("sms.json", """{ "channel": "sms", "from": "+1 (212) 555-0142", "body": "The shop website is down and orders are failing!", "receivedAt": "2026-11-25T02:00:00Z" }""");
        (int exitCode, string output, _) = CliRunner.Run("simulate", "-c", Config, "-m", json);
        Assert.Equal(0, exitCode);
        Assert.Contains("Decision  escalate, priority urgent", output, StringComparison.Ordinal);
        Assert.Contains("to Alex Morgan, on call", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_At_OverridesTheArrivalTime()
    {
        string json = Write("m.json", """{ "channel": "email", "from": "lena@fabrikam.example", "to": ["sam@riverastudio.example"], "subject": "Covers", "body": "Could you share the sketches?", "receivedAt": "2026-11-24T23:00:00Z" }""");
        (_, string output, _) = CliRunner.Run("simulate", "-c", Config, "-m", json, "--at", "2026-11-24T10:00:00Z", "--json");
        Assert.Equal("deliver", JsonDocument.Parse(output).RootElement.GetProperty("decision").GetString());
    }

    [Theory]
    [InlineData("bad.json", """{ "channel": "email" }""", "porter: --message: not a message: \"from\" is required")]
    [InlineData("bad2.json", "not json", "porter: --message: not a message:")]
    [InlineData("nodate.json", """{ "channel": "sms", "from": "+1 212 555 0142", "body": "hi" }""", "porter: --message: no receivedAt")]
    public void Simulate_BadMessage_IsAClearError(string name, string content, string message)
    {
        (int exitCode, _, string error) = CliRunner.Run("simulate", "-c", Config, "-m", Write(name, content));
        Assert.Equal(2, exitCode);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_ConfigWithoutProfessional_SaysWhatIsMissing()
    {
        string config = Write("porter.json", """{ "availability": { "timeZone": "Etc/UTC", "weekly": { "mon": ["09:00-17:00"] } } }""");
        string json = Write("m.json", """{ "channel": "sms", "from": "x", "body": "hi", "receivedAt": "2026-11-24T10:00:00Z" }""");
        (int exitCode, _, string error) = CliRunner.Run("simulate", "-c", config, "-m", json);
        Assert.Equal(2, exitCode);
        Assert.Contains("professional.addresses is needed", error, StringComparison.Ordinal);
    }
}
