using NodaTime;

namespace Porter.Domain.Agreements;

/// <summary>
/// A rhythm agreed with a client: every <see cref="EveryWeeks"/> weeks, on <see cref="Day"/> at <see cref="At"/>, in
/// the professional's zone, counting weeks from the week of <see cref="From"/> (so "every other Thursday" keeps its
/// weeks whatever day it is read).
/// </summary>
/// <param name="EveryWeeks">How many weeks apart (1 to 12).</param>
/// <param name="Day">The weekday.</param>
/// <param name="At">The time of day.</param>
/// <param name="From">A date in the first week of the rhythm.</param>
public sealed record Cadence(int EveryWeeks, IsoDayOfWeek Day, LocalTime At, LocalDate From)
{
    /// <summary>The first occurrence strictly after <paramref name="after"/>, in <paramref name="zone"/>.</summary>
    public Instant Next(Instant after, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        LocalDate firstWeek = Monday(From);
        LocalDate day = Monday(after.InZone(zone).Date);
        int weeks = Period.DaysBetween(firstWeek, day) / 7;
        int offset = ((weeks % EveryWeeks) + EveryWeeks) % EveryWeeks;
        day = day.PlusWeeks(offset == 0 ? 0 : EveryWeeks - offset);
        while (true)
        {
            Instant candidate = day.PlusDays((int)Day - 1).At(At).InZoneLeniently(zone).ToInstant();
            if (candidate > after)
            {
                return candidate;
            }

            day = day.PlusWeeks(EveryWeeks);
        }
    }

    /// <summary>
    /// The number of the last occurrence at or before <paramref name="at"/>, counting the first week's occurrence as 0
    /// (negative before it): which turn of a rotation it is.
    /// </summary>
    public long Turn(Instant at, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        LocalDate firstWeek = Monday(From);
        long weeks = Period.DaysBetween(firstWeek, Monday(at.InZone(zone).Date)) / 7;
        long turn = (long)Math.Floor(weeks / (double)EveryWeeks);
        return Occurrence(turn, zone) <= at ? turn : turn - 1;
    }

    /// <summary>When occurrence number <paramref name="turn"/> (see <see cref="Turn"/>) is.</summary>
    public Instant Occurrence(long turn, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Monday(From).PlusWeeks((int)(turn * EveryWeeks)).PlusDays((int)Day - 1).At(At).InZoneLeniently(zone).ToInstant();
    }

    /// <summary>In words: "every week on Monday at 15:00", "every 2 weeks on Thursday at 10:00".</summary>
    public override string ToString() =>
        $"{(EveryWeeks == 1 ? "every week" : $"every {EveryWeeks} weeks")} on {Day} at {At:HH':'mm}";

    private static LocalDate Monday(LocalDate date) => date.PlusDays(-((int)date.DayOfWeek - 1));
}

/// <summary>What a check-in does when it comes round.</summary>
public enum CheckInSend
{
    /// <summary>Reminds the professional by email (they hold the check-in).</summary>
    Reminder,

    /// <summary>Sends the client a prepared message.</summary>
    Message,
}

/// <summary>The agreed check-ins: their rhythm, and whether each reminds the professional or sends the client a prepared message.</summary>
/// <param name="Cadence">When.</param>
/// <param name="Send">What happens.</param>
/// <param name="Message">The prepared message, for <see cref="CheckInSend.Message"/>.</param>
public sealed record CheckInSchedule(Cadence Cadence, CheckInSend Send, string? Message);

/// <summary>The agreed feedback rounds: their rhythm, and the question the client is asked.</summary>
/// <param name="Cadence">When.</param>
/// <param name="Question">What the client is asked.</param>
public sealed record FeedbackSchedule(Cadence Cadence, string Question);
