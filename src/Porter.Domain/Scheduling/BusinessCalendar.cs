using System.Diagnostics.Contracts;
using NodaTime;

namespace Porter.Domain.Scheduling;

/// <summary>
/// Arithmetic in business time over an <see cref="Availability"/>: whether an instant is in hours, the next
/// opening and closing, adding and subtracting business minutes, hours and days, and the business time between
/// two instants.
/// </summary>
/// <remarks>
/// <para>The semantics are those of Zendesk's <c>biz</c> gem, the engine behind Zendesk's and Zammad's SLA
/// deadlines, with three of its defects put right; docs/business-time.md lists the rules and the differences.</para>
/// <para>Every operation costs a few binary searches whatever the span, and allocates nothing once the parts of
/// the time line it touches have been built (they are built on first use and kept). Instants from 1900 to 2299
/// are supported; an operation that would leave that range throws <see cref="ArgumentOutOfRangeException"/>.</para>
/// </remarks>
/// <threadsafety>Safe for concurrent use.</threadsafety>
public sealed class BusinessCalendar
{
    private readonly Timeline timeline;
    private readonly BusinessDayIndex days;

    /// <summary>Creates the calendar of <paramref name="availability"/>.</summary>
    public BusinessCalendar(Availability availability)
    {
        ArgumentNullException.ThrowIfNull(availability);
        Availability = availability;
        timeline = new Timeline(availability);
        days = new BusinessDayIndex(availability);
    }

    /// <summary>The availability this calendar computes over.</summary>
    public Availability Availability { get; }

    /// <summary>The professional's time zone.</summary>
    public DateTimeZone Zone => Availability.Zone;

    /// <summary>Whether <paramref name="instant"/> is in working hours: opening instant included, closing instant excluded.</summary>
    [Pure]
    public bool IsOpen(Instant instant) => timeline.Contains(instant.ToUnixTimeTicks());

    /// <summary>Whether <paramref name="instant"/> falls on a holiday (in the professional's zone).</summary>
    [Pure]
    public bool IsHoliday(Instant instant) => Availability.IsHoliday(instant.InZone(Zone).Date);

    /// <summary>Whether <paramref name="instant"/> falls in a one-off break (start included, end excluded).</summary>
    [Pure]
    public bool IsOnBreak(Instant instant)
    {
        LocalDate date = instant.InZone(Zone).Date;
        long t = instant.ToUnixTimeTicks();
        foreach (DailyInterval cut in Availability.BreaksOn(date))
        {
            if (t >= timeline.Resolve(date, cut.StartTickOfDay) && t < timeline.Resolve(date, cut.EndTickOfDay))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The instant when <paramref name="amount"/> of business time has passed after <paramref name="instant"/>:
    /// a response deadline. When the amount runs out exactly at a closing, the answer is the next opening
    /// (Friday 17:00 becomes Monday 09:00). An amount of zero gives the instant itself when in hours, otherwise
    /// the next opening.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative, or the answer is beyond 2299.</exception>
    [Pure]
    public Instant PlusBusinessTime(Instant instant, Duration amount) =>
        Instant.FromUnixTimeTicks(timeline.Add(instant.ToUnixTimeTicks(), NonNegativeTicks(amount)));

    /// <summary>
    /// The instant <paramref name="amount"/> of business time before <paramref name="instant"/>. When the amount runs
    /// out exactly at an opening, the answer is that opening. An amount of zero gives the instant itself when in
    /// hours or exactly at a closing, otherwise the previous closing.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is negative, or the answer is before 1900.</exception>
    [Pure]
    public Instant MinusBusinessTime(Instant instant, Duration amount) =>
        Instant.FromUnixTimeTicks(timeline.Subtract(instant.ToUnixTimeTicks(), NonNegativeTicks(amount)));

    /// <summary>
    /// The same wall-clock time <paramref name="days"/> business days later, moved forward to the next working
    /// moment if that time is outside hours (a closing instant counts as inside). Zero days means the first
    /// business day on or after the instant's date.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative, or the answer is beyond 2299.</exception>
    [Pure]
    public Instant PlusBusinessDays(Instant instant, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ZonedDateTime local = instant.InZone(Zone);
        LocalDate date = this.days.After(local.Date, days);
        long x = timeline.Resolve(date, local.TickOfDay);
        return Instant.FromUnixTimeTicks(timeline.FirstMomentAtOrAfter(x));
    }

    /// <summary>
    /// The same wall-clock time <paramref name="days"/> business days earlier, moved back to the previous working
    /// moment if that time is outside hours (an opening instant counts as inside). Zero days means the last
    /// business day on or before the instant's date.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative, or the answer is before 1900.</exception>
    [Pure]
    public Instant MinusBusinessDays(Instant instant, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ZonedDateTime local = instant.InZone(Zone);
        LocalDate date = this.days.Before(local.Date, days);
        long x = timeline.Resolve(date, local.TickOfDay);
        return Instant.FromUnixTimeTicks(timeline.LastMomentAtOrBefore(x));
    }

    /// <summary>The business time between two instants; zero when <paramref name="end"/> is not after <paramref name="start"/>.</summary>
    [Pure]
    public Duration BusinessTimeBetween(Instant start, Instant end) =>
        Duration.FromTicks(timeline.Between(start.ToUnixTimeTicks(), end.ToUnixTimeTicks()));

    /// <summary>The next opening at or after <paramref name="instant"/>: the start of the next working stretch (when in hours, the one after the current stretch).</summary>
    [Pure]
    public Instant NextOpening(Instant instant)
    {
        long t = instant.ToUnixTimeTicks();
        if (timeline.Contains(t))
        {
            t = timeline.Add(t, 0);
            t = NextClosingTicks(t);
        }

        return Instant.FromUnixTimeTicks(timeline.Add(t, 0));
    }

    /// <summary>The end of the working stretch that contains <paramref name="instant"/>, or of the next one when out of hours.</summary>
    [Pure]
    public Instant NextClosing(Instant instant) =>
        Instant.FromUnixTimeTicks(NextClosingTicks(timeline.Add(instant.ToUnixTimeTicks(), 0)));

    /// <summary>The working stretches that overlap <paramref name="interval"/>, clipped to it, adjacent periods merged (a night shift across midnight is one stretch).</summary>
    public IEnumerable<Interval> OpenIntervals(Interval interval)
    {
        foreach ((long s, long e) in timeline.Stretches(interval.Start.ToUnixTimeTicks(), interval.End.ToUnixTimeTicks()))
        {
            yield return new Interval(Instant.FromUnixTimeTicks(s), Instant.FromUnixTimeTicks(e));
        }
    }

    private long NextClosingTicks(long openTicks)
    {
        // Walk stretch by stretch from an instant known to be in hours; a stretch spanning weeks is rare (24x7).
        long horizon = openTicks + (7 * NodaConstants.TicksPerDay);
        while (true)
        {
            foreach ((long _, long e) in timeline.Stretches(openTicks, horizon))
            {
                if (e < horizon)
                {
                    return e;
                }

                break;
            }

            openTicks = horizon;
            horizon += 28 * NodaConstants.TicksPerDay;
            if (horizon > Timeline.EndInstant.ToUnixTimeTicks())
            {
                return Timeline.EndInstant.ToUnixTimeTicks();
            }
        }
    }

    private static long NonNegativeTicks(Duration amount)
    {
        if (amount < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A business-time amount cannot be negative.");
        }

        return amount.BclCompatibleTicks;
    }
}
