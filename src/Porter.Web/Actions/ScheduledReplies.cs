using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Porter.Domain.Agreements;
using Porter.Storage.Model;

namespace Porter.Web.Actions;

/// <summary>
/// A reply the professional wrote, made into a <c>send_reply</c> action: in working hours it goes now; written after
/// hours it waits for the next working window, like Gmail's schedule send, so clients stop learning that midnight gets
/// answers. The API and the dashboard's composer both queue replies here.
/// </summary>
public static class ScheduledReplies
{
    /// <summary>Whether a reply written now would go now (in working hours, available or in focus).</summary>
    public static bool SendsNow(Practice practice, Instant now)
    {
        ArgumentNullException.ThrowIfNull(practice);
        return practice.Calendar.IsOpen(now) && practice.Professional.Status is ProfessionalStatus.Available or ProfessionalStatus.Focus;
    }

    /// <summary>
    /// The next working window for a reply to <paramref name="message"/>'s sender: the first time the professional works
    /// and the client is in their own hours (never at night in their zone; <see cref="Practice.NextMutualOpening"/>).
    /// </summary>
    public static Instant NextWindow(Practice practice, Instant now, MessageRecord? message = null)
    {
        ArgumentNullException.ThrowIfNull(practice);
        Client? client = message?.ClientId is { } id ? practice.Clients.FirstOrDefault(c => c.Id == id) : null;
        return practice.NextMutualOpening(now, client);
    }

    /// <summary>
    /// Records on the message that it is answered: out of the queue from <paramref name="now"/> (kept when it was
    /// already), answered for the client at <paramref name="answeredAt"/> (the earliest answer counts).
    /// </summary>
    public static void MarkAnswered(MessageRecord message, Instant now, Instant answeredAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.DoneAt ??= now;
        message.AnsweredAt = message.AnsweredAt is { } earlier && earlier < answeredAt ? earlier : answeredAt;
    }

    /// <summary>Puts a message back in the queue: not answered after all.</summary>
    public static void Reopen(MessageRecord message)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.DoneAt = null;
        message.AnsweredAt = null;
    }

    /// <summary>The action that sends the reply (not yet saved), when it is due, and why then.</summary>
    /// <param name="message">The message replied to.</param>
    /// <param name="practice">The practice now.</param>
    /// <param name="now">Now: when the reply was written.</param>
    /// <param name="body">The text.</param>
    /// <param name="subject">The subject; "Re: " and the message's subject when null.</param>
    /// <param name="sendAt">When to send it, if the professional chose; else now in hours, or the next working window.</param>
    public static (ActionRecord Action, Instant Due, string Why) Queue(MessageRecord message, Practice practice, Instant now, string body, string? subject, Instant? sendAt)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(practice);
        (Instant due, string why) = sendAt is { } at
            ? (at, "at the time asked for")
            : SendsNow(practice, now)
                ? (now, "now: within working hours")
                : (NextWindow(practice, now, message), "at the next working window (when the client is in their hours too): written outside working hours");
        var action = new ActionRecord
        {
            MessageRecordId = message.Id,
            OrganisationId = message.OrganisationId,
            Kind = ActionKind.SendReply,
            DueAt = due,
            Payload = JsonSerializer.Serialize(
                new QueuedReply(message.From, subject ?? $"Re: {message.Subject}", body, InstantPattern.ExtendedIso.Format(now)),
                JsonSerializerOptions.Web),
        };
        return (action, due, why);
    }
}
