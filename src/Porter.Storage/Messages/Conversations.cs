using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Porter.Storage.Model;

namespace Porter.Storage.Messages;

/// <summary>A reply the professional wrote to a message, as a conversation shows it.</summary>
/// <param name="MessageId">The message it answers.</param>
/// <param name="Body">What it says.</param>
/// <param name="DueAt">When it goes (or went).</param>
/// <param name="Sent">Whether it went.</param>
/// <param name="Result">What came of it.</param>
public sealed record ConversationReply(long MessageId, string Body, NodaTime.Instant DueAt, bool Sent, string? Result);

/// <summary>
/// Conversations: the messages of one thread (References / In-Reply-To, or a text thread's sender), a client's messages
/// across every channel, answered ones too, and the replies written to them. Through the person's context, so the
/// desk's and the organisation's filters hold.
/// </summary>
public static class Conversations
{
    /// <summary>How many messages one page of a conversation shows.</summary>
    public const int PageSize = 100;

    /// <summary>The messages of the thread <paramref name="threadKey"/>, oldest first (at most <see cref="PageSize"/>, the latest).</summary>
    public static async Task<List<MessageRecord>> ThreadAsync(PorterDb db, string threadKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        List<MessageRecord> latest = await db.Messages.AsNoTracking().Where(m => m.ThreadKey == threadKey)
            .OrderByDescending(m => m.ReceivedAt).ThenByDescending(m => m.Id).Take(PageSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        latest.Reverse();
        return latest;
    }

    /// <summary>A client's messages on every channel, newest first, before the message with id <paramref name="before"/> when given.</summary>
    public static Task<List<MessageRecord>> OfClientAsync(PorterDb db, string clientId, long? before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        IQueryable<MessageRecord> messages = db.Messages.AsNoTracking().Where(m => m.ClientId == clientId);
        if (before is { } id)
        {
            messages = messages.Where(m => m.Id < id);
        }

        return messages.OrderByDescending(m => m.Id).Take(PageSize).ToListAsync(cancellationToken);
    }

    /// <summary>The replies written to <paramref name="messageIds"/>, oldest first.</summary>
    public static async Task<List<ConversationReply>> RepliesAsync(PorterDb db, IReadOnlyCollection<long> messageIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var actions = await db.Actions.AsNoTracking()
            .Where(a => a.Kind == ActionKind.SendReply && a.MessageRecordId != null && messageIds.Contains(a.MessageRecordId.Value))
            .OrderBy(a => a.DueAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. actions.Select(a => new ConversationReply(
            a.MessageRecordId!.Value,
            JsonDocument.Parse(a.Payload).RootElement.TryGetProperty("body", out JsonElement body) ? body.GetString() ?? "" : "",
            a.DueAt,
            a.DoneAt is not null && a.Result?.StartsWith("sent", StringComparison.Ordinal) == true,
            a.Result))];
    }
}
