using NodaTime;
using NodaTime.TimeZones;
using Porter.Domain.Scheduling;

namespace Porter.Domain.Tests.Scheduling;

public class TimelineTests
{
    /// <summary>
    /// The allocation-free resolution of wall times agrees with NodaTime's lenient resolver in every zone of the
    /// tz database, every quarter hour within 30 hours of each transition in 2025–2026.
    /// </summary>
    [Fact]
    public void Resolve_EveryZoneAroundEveryTransition_MatchesNodaTimeLenientResolver()
    {
        int checkedTimes = 0;
        foreach (string id in DateTimeZoneProviders.Tzdb.Ids)
        {
            DateTimeZone zone = DateTimeZoneProviders.Tzdb[id];
            var timeline = new Timeline(Schedules.Build(id, "mon 09:00-17:00"));
            foreach (ZoneInterval interval in zone.GetZoneIntervals(Instant.FromUtc(2025, 1, 1, 0, 0), Instant.FromUtc(2027, 1, 1, 0, 0)).Skip(1))
            {
                LocalDate date = interval.Start.InUtc().Date;
                for (LocalDate d = date.PlusDays(-1); d <= date.PlusDays(1); d = d.PlusDays(1))
                {
                    for (long tick = 0; tick <= NodaConstants.TicksPerDay; tick += 15 * NodaConstants.TicksPerMinute)
                    {
                        LocalDateTime local = tick == NodaConstants.TicksPerDay ? d.PlusDays(1).AtMidnight() : d + LocalTime.FromTicksSinceMidnight(tick);
                        long expected = zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant().ToUnixTimeTicks();
                        Assert.True(expected == timeline.Resolve(d, tick), $"{id} {local}");
                        checkedTimes++;
                    }
                }
            }
        }

        Assert.True(checkedTimes > 100_000, $"only {checkedTimes} times checked");
    }
}
