using NodaTime;
using Porter.Storage.Model;

namespace Porter.Storage.Messages;

/// <summary>Queries over stored messages that more than one reader needs.</summary>
public static class MessageQueries
{
    /// <summary>
    /// What waits for an answer: delivered and escalated messages, and held ones whose window has opened, none answered
    /// yet. Two queries joined (UNION ALL), so each part reads its own index (organisation, done, decision, deadline;
    /// organisation, decision, hold until) instead of every message ever stored.
    /// </summary>
    public static IQueryable<MessageRecord> Waiting(this IQueryable<MessageRecord> messages, Instant now)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IQueryable<MessageRecord> open = messages.Where(m => m.DoneAt == null);
        return open.Where(m => m.Decision == "deliver" || m.Decision == "escalate")
            .Concat(open.Where(m => m.Decision == "hold" && m.HoldUntil <= now));
    }
}
