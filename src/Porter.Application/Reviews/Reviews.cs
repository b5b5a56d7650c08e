using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Reviews;

namespace Porter.Application.Reviews;

/// <summary>Port: where a review's messages and meetings are read (the storage adapter).</summary>
public interface IReviewSource
{
    /// <summary>One professional's messages received in <paramref name="span"/> (mail never answered left out) and their meetings that overlap it.</summary>
    /// <param name="professionalId">The professional.</param>
    /// <param name="takesUnassigned">Whether messages and bookings stored before several professionals (none on record) are theirs: the organisation's first professional's.</param>
    /// <param name="span">The period.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    Task<(IReadOnlyList<ReviewMessage> Messages, IReadOnlyList<ReviewMeeting> Meetings)> ReadAsync(string professionalId, bool takesUnassigned, Interval span, CancellationToken cancellationToken);
}

/// <summary>A review that has come round: its period has ended and it goes to the professional in their next working time.</summary>
/// <param name="Practice">The professional's practice.</param>
/// <param name="Period">The period reviewed.</param>
/// <param name="SendAt">When it is mailed: the professional's first working moment after the period.</param>
public sealed record DueReview(Practice Practice, ReviewPeriod Period, Instant SendAt);

/// <summary>The use case "review the agreements on their cadence": which reviews have come round, and each review's figures.</summary>
public static class Reviews
{
    /// <summary>
    /// A review is mailed only while its period ended this recently: an instance that starts after a long stop, or a
    /// new installation, does not mail stale reviews (the dashboard shows every period all the same).
    /// </summary>
    public static readonly Duration Fresh = Duration.FromDays(3);

    /// <summary>For every professional and kind, the last period that ended within <see cref="Fresh"/> of <paramref name="now"/>.</summary>
    public static IEnumerable<DueReview> Due(Organisation organisation, Instant now)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        foreach (Practice practice in organisation.Practices)
        {
            DateTimeZone zone = practice.Calendar.Zone;
            foreach (ReviewKind kind in ReviewKinds.All)
            {
                ReviewPeriod period = ReviewPeriod.LastEnded(kind, now, zone);
                Instant end = period.In(zone).End;
                if (now - end <= Fresh)
                {
                    yield return new DueReview(practice, period, practice.Calendar.PlusBusinessTime(end, Duration.Zero));
                }
            }
        }
    }

    /// <summary>The review of <paramref name="period"/> for <paramref name="practice"/>, as it stands at <paramref name="now"/>.</summary>
    public static async Task<Review> OfAsync(IReviewSource source, Organisation organisation, Practice practice, ReviewPeriod period, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(period);
        bool takesUnassigned = organisation.First.Professional.Id == practice.Professional.Id;
        (IReadOnlyList<ReviewMessage> messages, IReadOnlyList<ReviewMeeting> meetings) =
            await source.ReadAsync(practice.Professional.Id, takesUnassigned, period.In(practice.Calendar.Zone), cancellationToken).ConfigureAwait(false);
        return Review.Of(period, practice, messages, meetings, now);
    }
}
