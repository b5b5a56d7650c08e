using Porter.Testing;
using NodaTime;

namespace Porter.Cli.Tests.Hours;

public class ShowCommandTests
{
    private static readonly string Config = Path.Combine(RepositoryPaths.Root, "samples", "porter.json");

    private static string Row(string output, string day) =>
        output.Split('\n').Single(l => l.StartsWith($"│ {day}", StringComparison.Ordinal));

    [Fact]
    public void Show_WithClientZone_GivesBothZonesAndTheOverlap()
    {
        (int exitCode, string output, string error) = CliRunner.Run("hours", "show", "-c", Config, "--week", "2026-11-25", "--client-zone", "America/New_York");

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        Assert.Contains("Week of Mon 23 Nov 2026", output, StringComparison.Ordinal);
        string monday = Row(output, "Mon 23 Nov");
        Assert.Contains("09:00–12:30, 13:30–17:30", monday, StringComparison.Ordinal);
        Assert.Contains("04:00–07:30, 08:30–12:30", monday, StringComparison.Ordinal); // New York, five hours behind
        Assert.Contains("│ 09:00–12:30 ", monday, StringComparison.Ordinal); // both working: client's 09:00 is London's 14:00
        Assert.Contains("changed", Row(output, "Fri 27 Nov"), StringComparison.Ordinal);
        Assert.Contains("\n  Fri 27 Nov  changed hours: Launch day for a client: a full Friday\n", output, StringComparison.Ordinal);
        Assert.Contains("\n  Tue 24 Nov  usual hours; break 15:00-16:00\n", output, StringComparison.Ordinal);
        Assert.Contains("closed", Row(output, "Sat 28 Nov"), StringComparison.Ordinal);
        Assert.Contains("Working time this week: 37h; both working: 16h", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_DefaultWeek_IsTodaysFromTheClock()
    {
        (_, string output, _) = CliRunner.RunAt(Instant.FromUtc(2026, 12, 23, 12, 0), "hours", "show", "-c", Config);
        Assert.Contains("Week of Mon 21 Dec 2026", output, StringComparison.Ordinal);
        Assert.Contains("holiday", Row(output, "Thu 24 Dec"), StringComparison.Ordinal);
        Assert.Contains("  Thu 24 Dec  holiday: Studio closed for Christmas", output, StringComparison.Ordinal);
        Assert.Contains("  Fri 25 Dec  holiday: Christmas Day", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_DefaultWeekOnASunday_IsTheWeekAhead()
    {
        (_, string output, _) = CliRunner.Run("hours", "show", "-c", Config); // Sunday 22 Nov 2026, 19:00
        Assert.Contains("Week of Mon 23 Nov 2026", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_ClientZoneAheadByADay_MarksTheDayShift()
    {
        (_, string output, _) = CliRunner.Run("hours", "show", "-c", Config, "--week", "2026-11-23", "--client-zone", "Pacific/Auckland");
        Assert.Contains("22:00–01:30 (ends +1d)", Row(output, "Mon 23 Nov"), StringComparison.Ordinal);
        Assert.Contains("02:30–06:30 (+1d)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_BadClientHours_IsAClearError()
    {
        (int exitCode, _, string error) = CliRunner.Run("hours", "show", "-c", Config, "--client-zone", "Europe/Paris", "--client-hours", "weekdays nine to five");
        Assert.Equal(2, exitCode);
        Assert.StartsWith("porter: --client-hours: 'weekdays nine to five' is not like \"mon-fri 09:00-17:00\"", error, StringComparison.Ordinal);
    }
}
