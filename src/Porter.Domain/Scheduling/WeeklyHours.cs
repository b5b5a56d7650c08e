using System.Collections.Immutable;
using NodaTime;

namespace Porter.Domain.Scheduling;

/// <summary>
/// Working hours for each day of the week: several sorted, non-overlapping <see cref="DailyInterval"/>s per day
/// (lunch breaks, split shifts); a day with none is closed.
/// </summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class WeeklyHours
{
    private readonly ImmutableArray<DailyInterval>[] days;

    private WeeklyHours(ImmutableArray<DailyInterval>[] days) => this.days = days;

    /// <summary>A week with no working hours at all.</summary>
    public static WeeklyHours Closed { get; } = new(Enumerable.Repeat(ImmutableArray<DailyInterval>.Empty, 8).ToArray());

    /// <summary>The intervals of one weekday, sorted by start; empty when the day is closed.</summary>
    public ImmutableArray<DailyInterval> this[IsoDayOfWeek day] => days[(int)day];

    /// <summary>Whether no weekday has any working hours.</summary>
    public bool IsEmpty => days.All(d => d.IsDefaultOrEmpty);

    /// <summary>The working time of a whole nominal week (ignoring DST).</summary>
    public Duration NominalWeeklyTotal =>
        days.Where(d => !d.IsDefault).SelectMany(d => d).Aggregate(Duration.Zero, (sum, i) => sum + i.NominalLength);

    /// <summary>Creates weekly hours from intervals per day.</summary>
    /// <exception cref="ArgumentException">Intervals of one day overlap.</exception>
    public static WeeklyHours Create(IReadOnlyDictionary<IsoDayOfWeek, IEnumerable<DailyInterval>> hours)
    {
        ArgumentNullException.ThrowIfNull(hours);
        var result = new ImmutableArray<DailyInterval>[8];
        for (int d = 0; d < result.Length; d++)
        {
            result[d] = ImmutableArray<DailyInterval>.Empty;
        }

        foreach ((IsoDayOfWeek day, IEnumerable<DailyInterval> intervals) in hours)
        {
            if (day == IsoDayOfWeek.None)
            {
                throw new ArgumentException("IsoDayOfWeek.None is not a day.", nameof(hours));
            }

            ImmutableArray<DailyInterval> sorted = [.. intervals.OrderBy(i => i.StartTickOfDay)];
            for (int i = 1; i < sorted.Length; i++)
            {
                if (sorted[i - 1].Overlaps(sorted[i]))
                {
                    throw new ArgumentException($"{day}: {sorted[i - 1]} overlaps {sorted[i]}.", nameof(hours));
                }
            }

            result[(int)day] = sorted;
        }

        return new WeeklyHours(result);
    }
}
