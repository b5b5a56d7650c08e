using Porter.Testing;
using System.Text.Json;

namespace Porter.Cli.Tests.Hours;

public class DeadlineCommandTests
{
    private static readonly string Config = Path.Combine(RepositoryPaths.Root, "samples", "porter.json");

    [Fact]
    public void Deadline_AfterHours_ExplainsEveryStretch()
    {
        (int exitCode, string output, string error) = CliRunner.Run("hours", "deadline", "--config", Config, "--at", "2026-11-24T23:10:00Z", "--plus", "24h", "--client-zone", "America/New_York");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("Tue 24 Nov 2026 23:10 (Europe/London): outside working hours", output, StringComparison.Ordinal);
        Assert.Contains("Clock starts  Wed 25 Nov 2026 09:00, the next opening", output, StringComparison.Ordinal);
        Assert.Contains("Fri 27 Nov  09:00–17:00  (8h, 23h so far)", output, StringComparison.Ordinal);
        Assert.Contains("Deadline      Mon 30 Nov 2026 10:00 (Europe/London)", output, StringComparison.Ordinal);
        Assert.Contains("Mon 30 Nov 2026 05:00 in the client's zone (America/New_York)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadline_Json_GivesInstantsAndTheClientZone()
    {
        (int exitCode, string output, _) = CliRunner.Run("hours", "deadline", "-c", Config, "--at", "2026-11-24T10:00:00+00:00", "--plus", "1h30m", "--client-zone", "Australia/Sydney", "--json");

        Assert.Equal(0, exitCode);
        JsonElement json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("inHoursAtReceipt").GetBoolean());
        Assert.Equal("2026-11-24T11:30:00Z", json.GetProperty("deadline").GetString());
        Assert.Equal("2026-11-24T22:30:00+11:00", json.GetProperty("deadlineInClientZone").GetString());
        Assert.Equal(90, json.GetProperty("businessMinutesUntilDeadline").GetInt64());
    }

    [Fact]
    public void Deadline_ExactlyAtClosing_SaysWhyItMovesToTheNextOpening()
    {
        (_, string output, _) = CliRunner.Run("hours", "deadline", "-c", Config, "--at", "2026-11-27T16:00:00Z", "--plus", "60m");
        Assert.Contains("Deadline  Mon 30 Nov 2026 09:00", output, StringComparison.Ordinal);
        Assert.Contains("runs out exactly at a closing (Fri 27 Nov 2026 17:00), so the deadline is the next opening", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadline_BusinessDays_KeepTheWallClockTime()
    {
        (_, string output, _) = CliRunner.Run("hours", "deadline", "-c", Config, "--at", "2026-12-23T11:00:00Z", "--plus", "2d", "--json");
        // 24 Dec closed by the studio, 25 and 28 Dec bank holidays: the business days after Wed 23 Dec are Tue 29 and Wed 30 Dec.
        Assert.Equal("2026-12-30T11:00:00Z", JsonDocument.Parse(output).RootElement.GetProperty("deadline").GetString());
    }

    [Fact]
    public void Deadline_DefaultsToNowFromTheClock()
    {
        (_, string output, _) = CliRunner.Run("hours", "deadline", "-c", Config, "--plus", "1h", "--json");
        JsonElement json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("2026-11-22T19:00:00Z", json.GetProperty("receivedAt").GetString());
        Assert.Equal("2026-11-23T10:00:00Z", json.GetProperty("deadline").GetString());
    }

    [Theory]
    [InlineData("--plus", "soon", "porter: --plus: 'soon' is not an amount of business time")]
    [InlineData("--at", "tomorrow", "porter: --at: 'tomorrow' is not an instant")]
    [InlineData("--client-zone", "Mars/Base", "porter: --client-zone: unknown time zone 'Mars/Base'")]
    public void Deadline_BadInput_IsAClearError(string option, string value, string message)
    {
        var args = new List<string> { "hours", "deadline", "-c", Config, "--plus", "1h" };
        int at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        (int exitCode, _, string error) = CliRunner.Run([.. args]);
        Assert.Equal(2, exitCode);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Deadline_BadConfig_ListsEveryProblem()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("porter-cli").FullName, "porter.json");
        File.WriteAllText(file, """{ "availability": { "timeZone": "Nowhere/Town", "weekly": { "mon": ["09:00-12:00", "11:00-13:00"] } } }""");
        (int exitCode, _, string error) = CliRunner.Run("hours", "deadline", "-c", file, "--plus", "1h");
        Assert.Equal(2, exitCode);
        Assert.Contains("the configuration has 2 problems", error, StringComparison.Ordinal);
        Assert.Contains($"{file}:1: availability.timeZone: unknown time zone 'Nowhere/Town'", error, StringComparison.Ordinal);
        Assert.Contains("availability.weekly.mon[1]: 11:00-13:00 overlaps 09:00-12:00", error, StringComparison.Ordinal);
    }
}
