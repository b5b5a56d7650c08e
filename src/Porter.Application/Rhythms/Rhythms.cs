using NodaTime;
using Porter.Domain.Agreements;

namespace Porter.Application.Rhythms;

/// <summary>What an agreed rhythm brings round.</summary>
public enum RhythmKind
{
    /// <summary>A check-in (a reminder to the professional, or the prepared message to the client).</summary>
    CheckIn,

    /// <summary>A feedback round (the question to the client).</summary>
    Feedback,
}

/// <summary>The next time a client's rhythm comes round, and when its mail goes.</summary>
/// <param name="Practice">The client's professional's practice.</param>
/// <param name="Client">The client.</param>
/// <param name="Kind">Check-in or feedback.</param>
/// <param name="Due">The agreed time.</param>
/// <param name="SendAt">When its mail goes: a reminder in the professional's hours; anything to the client in the next time both work.</param>
/// <param name="Question">For feedback: the question.</param>
public sealed record NextRound(Practice Practice, Client Client, RhythmKind Kind, Instant Due, Instant SendAt, string? Question);

/// <summary>The use case "keep the agreed rhythms": for every client with a schedule, the next round after now. No I/O; the service keeps each on record once.</summary>
public static class Rhythms
{
    /// <summary>The next round of every schedule in the organisation after <paramref name="now"/>.</summary>
    public static IEnumerable<NextRound> Next(Organisation organisation, Instant now)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        foreach (Practice practice in organisation.Practices)
        {
            foreach (Client client in practice.Clients)
            {
                if (client.CheckIns is { } checkIns)
                {
                    Instant due = checkIns.Cadence.Next(now, practice.Calendar.Zone);
                    Instant sendAt = checkIns.Send == CheckInSend.Reminder ? practice.Calendar.PlusBusinessTime(due, Duration.Zero) : practice.NextMutualOpening(due, client);
                    yield return new NextRound(practice, client, RhythmKind.CheckIn, due, sendAt, null);
                }

                if (client.FeedbackRounds is { } rounds)
                {
                    Instant due = rounds.Cadence.Next(now, practice.Calendar.Zone);
                    yield return new NextRound(practice, client, RhythmKind.Feedback, due, practice.NextMutualOpening(due, client), rounds.Question);
                }
            }
        }
    }
}
