using System.Diagnostics.Contracts;
using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Porter.Domain.Scheduling;

/// <summary>
/// A half-open stretch of wall-clock time within one day, <c>[Start, End)</c>, such as 09:00–12:30.
/// </summary>
/// <remarks>
/// <para>An <see cref="End"/> of <see cref="LocalTime.Midnight"/> means the end of the day (written
/// <c>24:00</c>), so <c>22:00–24:00</c> and the whole day <c>00:00–24:00</c> can be expressed. Otherwise
/// <see cref="Start"/> is strictly before <see cref="End"/>. An interval never crosses midnight: a night shift
/// such as <c>22:00–06:00</c> is two intervals on two days (see <see cref="AvailabilityBuilder.AddWeekly"/>).</para>
/// <para>The default value is the whole day.</para>
/// </remarks>
/// <threadsafety>Immutable value type; safe to share.</threadsafety>
public readonly record struct DailyInterval
{
    private static readonly LocalTimePattern ClockPattern =
        LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    /// <summary>Creates an interval.</summary>
    /// <param name="start">The first instant of the interval, inclusive.</param>
    /// <param name="end">The end of the interval, exclusive; <see cref="LocalTime.Midnight"/> means 24:00.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is not after <paramref name="start"/>.</exception>
    public DailyInterval(LocalTime start, LocalTime end)
    {
        if (end != LocalTime.Midnight && end <= start)
        {
            throw new ArgumentOutOfRangeException(
                nameof(end), end, $"The end ({Format(end, true)}) must be after the start ({Format(start, false)}).");
        }

        Start = start;
        End = end;
    }

    /// <summary>The whole day, 00:00–24:00.</summary>
    public static DailyInterval WholeDay => new(LocalTime.Midnight, LocalTime.Midnight);

    /// <summary>The first wall-clock time of the interval (inclusive).</summary>
    public LocalTime Start { get; }

    /// <summary>The end of the interval (exclusive); <see cref="LocalTime.Midnight"/> when it runs to 24:00.</summary>
    public LocalTime End { get; }

    /// <summary>Whether the interval runs to the end of the day (24:00).</summary>
    public bool EndsAtMidnight => End == LocalTime.Midnight;

    /// <summary>The start as ticks since midnight.</summary>
    internal long StartTickOfDay => Start.TickOfDay;

    /// <summary>The end as ticks since midnight; 24:00 is <see cref="NodaConstants.TicksPerDay"/>.</summary>
    internal long EndTickOfDay => EndsAtMidnight ? NodaConstants.TicksPerDay : End.TickOfDay;

    /// <summary>The wall-clock length of the interval (DST transitions may make the real length differ).</summary>
    public Duration NominalLength => Duration.FromTicks(EndTickOfDay - StartTickOfDay);

    /// <summary>Whether the two intervals share any time (touching ends do not count).</summary>
    [Pure]
    public bool Overlaps(DailyInterval other) =>
        StartTickOfDay < other.EndTickOfDay && other.StartTickOfDay < EndTickOfDay;

    /// <summary>Whether <paramref name="time"/> lies in the interval, start inclusive, end exclusive.</summary>
    [Pure]
    public bool Contains(LocalTime time) => time.TickOfDay >= StartTickOfDay && time.TickOfDay < EndTickOfDay;

    /// <summary>Parses a clock time written <c>HH:mm</c>; <c>24:00</c> parses as midnight when <paramref name="allowEndOfDay"/> is set.</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="allowEndOfDay">Whether <c>24:00</c> (the end of the day) is accepted.</param>
    /// <param name="time">The parsed time.</param>
    /// <returns>Null on success; otherwise why the text is not a clock time.</returns>
    public static string? TryParseClockTime(string text, bool allowEndOfDay, out LocalTime time)
    {
        ArgumentNullException.ThrowIfNull(text);
        time = LocalTime.Midnight;
        string trimmed = text.Trim();
        if (trimmed == "24:00")
        {
            return allowEndOfDay ? null : "24:00 can only end an interval";
        }

        ParseResult<LocalTime> result = ClockPattern.Parse(trimmed);
        if (!result.Success)
        {
            return $"'{text}' is not a clock time (expected HH:mm, e.g. 09:30)";
        }

        time = result.Value;
        return null;
    }

    /// <summary>Formats a clock time as <c>HH:mm</c>, with midnight as <c>24:00</c> when it ends an interval.</summary>
    public static string Format(LocalTime time, bool isEnd) =>
        isEnd && time == LocalTime.Midnight ? "24:00" : time.ToString(time.Second == 0 ? "HH':'mm" : "HH':'mm':'ss", CultureInfo.InvariantCulture);

    /// <summary>Formats the interval as <c>09:00-17:00</c>.</summary>
    public override string ToString() => $"{Format(Start, false)}-{Format(End, true)}";
}
