using System.Text.Json;
using Porter.Testing;

namespace Porter.Cli.Tests.Messages;

public class AnalyzeCommandTests
{
    private static readonly string Config = Path.Combine(RepositoryPaths.Samples, "porter.json");

    private static JsonElement AnalyzeJson(string mailbox, params string[] more)
    {
        (int exitCode, string output, string error) = CliRunner.Run(["analyze", "-c", Config, mailbox, "--json", .. more]);
        Assert.True(exitCode == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    [Fact]
    public void Analyze_LinuxMipsList_NoMessageGetsAnAutomaticReply()
    {
        JsonElement summary = AnalyzeJson(Path.Combine(RepositoryPaths.Shared, "corpus", "linux-mips-list", "linux-mips-sample.mboxrd.gz"));

        long messages = summary.GetProperty("messages").GetInt64();
        long malformed = summary.GetProperty("malformed").GetInt64();
        Assert.Equal(7008, messages + malformed);
        Assert.Equal(0, summary.GetProperty("autoReplies").GetInt64());
        Assert.Equal(messages, summary.GetProperty("decisions").GetProperty("neverAnswer").GetInt64());
        Assert.InRange(summary.GetProperty("afterHours").GetInt64(), 1, messages - 1);
        Assert.Equal(malformed, summary.GetProperty("malformedMessages").GetArrayLength());
    }

    [Fact]
    public void Analyze_MimeEdge_CountsAndListsMalformedMessagesAndCarriesOn()
    {
        JsonElement summary = AnalyzeJson(Path.Combine(RepositoryPaths.Shared, "corpus", "mime-edge"));
        Assert.True(summary.GetProperty("messages").GetInt64() > 50);
        Assert.True(summary.GetProperty("malformed").GetInt64() > 0);
        Assert.Contains(summary.GetProperty("malformedMessages").EnumerateArray(), m =>
            m.GetProperty("source").GetString()!.EndsWith("winmail.tnef", StringComparison.Ordinal));
        Assert.Equal(0, summary.GetProperty("autoReplies").GetInt64()); // nothing there is addressed to the professional
    }

    [Fact]
    public void Analyze_DemoMailbox_ReportsPerClientAndWritesTheReport()
    {
        string report = Directory.CreateTempSubdirectory("porter-report").FullName;
        JsonElement summary = AnalyzeJson(Path.Combine(RepositoryPaths.Samples, "mailbox", "demo.mbox"), "--report", report);

        Assert.Equal(36, summary.GetProperty("messages").GetInt64());
        Assert.Equal(0, summary.GetProperty("malformed").GetInt64());
        JsonElement decisions = summary.GetProperty("decisions");
        Assert.Equal(36, decisions.EnumerateObject().Sum(d => d.Value.GetInt64()));
        Assert.True(decisions.GetProperty("hold").GetInt64() > 0);
        Assert.True(decisions.GetProperty("neverAnswer").GetInt64() >= 8); // newsletters, receipts, auto-replies, a bounce, own mail
        Assert.Equal(3, summary.GetProperty("ownAfterHoursReplies").GetInt64());
        JsonElement[] clients = [.. summary.GetProperty("clients").EnumerateArray()];
        Assert.Equal(["northwind", "fabrikam", "(other senders)"], clients.Select(c => c.GetProperty("id").GetString()));
        JsonElement signals = summary.GetProperty("signals");
        foreach (string signal in new[] { "fyi", "plan_change", "out_of_scope", "personal_info_request", "personal_social_contact" })
        {
            Assert.True(signals.GetProperty(signal).GetInt64() > 0, signal);
        }

        string html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("Northwind Coffee", html, StringComparison.Ordinal);
        string[] csv = File.ReadAllLines(Path.Combine(report, "summary.csv"));
        Assert.StartsWith("group,name,messages,after_hours", csv[0], StringComparison.Ordinal);
        Assert.Equal(5, csv.Length); // header, all, two clients, other senders
        Assert.Equal(1 + (4 * 7 * 24), File.ReadAllLines(Path.Combine(report, "heatmap.csv")).Length);
    }

    [Fact]
    public void Analyze_Text_ShowsTheTable()
    {
        (int exitCode, string output, _) = CliRunner.Run("analyze", "-c", Config, Path.Combine(RepositoryPaths.Samples, "mailbox", "demo.mbox"));
        Assert.Equal(0, exitCode);
        Assert.Contains("Northwind Coffee", output, StringComparison.Ordinal);
        Assert.Contains("Your own after-hours replies: 3", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_MissingMailbox_IsAClearError()
    {
        (int exitCode, _, string error) = CliRunner.Run("analyze", "-c", Config, "/nonexistent/mail");
        Assert.Equal(2, exitCode);
        Assert.Equal("porter: no mailbox at /nonexistent/mail", error.Trim());
    }
}
