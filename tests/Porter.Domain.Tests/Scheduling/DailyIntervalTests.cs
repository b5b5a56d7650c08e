using NodaTime;
using Porter.Domain.Scheduling;

namespace Porter.Domain.Tests.Scheduling;

public class DailyIntervalTests
{
    [Fact]
    public void Construction_EndBeforeStart_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DailyInterval(new LocalTime(17, 0), new LocalTime(9, 0)));
        Assert.Equal("end", e.ParamName);
    }

    [Fact]
    public void Construction_EndAtMidnight_RunsToEndOfDay()
    {
        var interval = new DailyInterval(new LocalTime(22, 0), LocalTime.Midnight);
        Assert.True(interval.EndsAtMidnight);
        Assert.Equal(Duration.FromHours(2), interval.NominalLength);
        Assert.Equal("22:00-24:00", interval.ToString());
        Assert.True(interval.Contains(new LocalTime(23, 59, 59)));
        Assert.False(interval.Contains(new LocalTime(21, 59)));
    }

    [Fact]
    public void WholeDay_IsTwentyFourHours() => Assert.Equal(Duration.FromHours(24), DailyInterval.WholeDay.NominalLength);

    [Theory]
    [InlineData("09:00", "10:00", "10:00", "11:00", false)]
    [InlineData("09:00", "10:30", "10:00", "11:00", true)]
    [InlineData("00:00", "24:00", "23:00", "24:00", true)]
    public void Overlaps_TouchingDoesNotCount(string s1, string e1, string s2, string e2, bool expected)
    {
        var a = new DailyInterval(Schedules.Range($"{s1}-{e1}").Start, Schedules.Range($"{s1}-{e1}").End);
        var b = new DailyInterval(Schedules.Range($"{s2}-{e2}").Start, Schedules.Range($"{s2}-{e2}").End);
        Assert.Equal(expected, a.Overlaps(b));
        Assert.Equal(expected, b.Overlaps(a));
    }

    [Theory]
    [InlineData("9:00", false)]
    [InlineData("25:00", false)]
    [InlineData("09:60", false)]
    [InlineData("noon", false)]
    [InlineData("09:30", true)]
    public void TryParseClockTime_RejectsWhatIsNotHHmm(string text, bool ok)
    {
        string? problem = DailyInterval.TryParseClockTime(text, true, out _);
        Assert.Equal(ok, problem is null);
        if (!ok)
        {
            Assert.Contains(text, problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryParseClockTime_TwentyFourOnlyAsEnd()
    {
        Assert.NotNull(DailyInterval.TryParseClockTime("24:00", false, out _));
        Assert.Null(DailyInterval.TryParseClockTime("24:00", true, out LocalTime end));
        Assert.Equal(LocalTime.Midnight, end);
    }
}
