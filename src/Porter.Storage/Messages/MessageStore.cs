using System.Collections.Immutable;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Storage.Model;

namespace Porter.Storage.Messages;

/// <summary>Decides a message, given when the sender last had an automatic reply.</summary>
public delegate Decision Decide(IncomingMessage message, Instant now, Instant? lastAutoReplyToSender);

/// <summary>What accepting a message came to.</summary>
/// <param name="Record">The stored message with its decision.</param>
/// <param name="Created">False when it was a repeat of a message already stored (nothing new was stored).</param>
public sealed record Acceptance(MessageRecord Record, bool Created);

/// <summary>
/// Accepts messages: decides each, stores it with its decision and the actions it calls for, once. Concurrent callers
/// are gathered into one transaction (group commit), so one durable commit acknowledges many messages; a caller's task
/// completes only after the commit that holds its message. A repeat (same Message-ID, or same channel and external id)
/// answers with the stored message and stores nothing.
/// </summary>
/// <threadsafety>Safe for concurrent use; one writer loop per store.</threadsafety>
public sealed class MessageStore : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IDbContextFactory<PorterDb> contexts;
    private readonly Decide decide;
    private readonly IClock clock;
    private readonly Channel<Pending> pending = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task writer;

    /// <summary>Starts the writer.</summary>
    public MessageStore(IDbContextFactory<PorterDb> contexts, Decide decide, IClock clock)
    {
        this.contexts = contexts;
        this.decide = decide;
        this.clock = clock;
        writer = Task.Run(WriteAsync);
    }

    /// <summary>Decides and stores a message once; completes when it is durable.</summary>
    /// <param name="message">The message.</param>
    /// <param name="externalId">The channel's own id for it, if any (unique per channel).</param>
    /// <param name="cancellationToken">Stops waiting; the message may still be stored.</param>
    public Task<Acceptance> AcceptAsync(IncomingMessage message, string? externalId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var item = new Pending(message, string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim(), new TaskCompletionSource<Acceptance>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!pending.Writer.TryWrite(item))
        {
            throw new InvalidOperationException("The message store is shutting down.");
        }

        return item.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Stops taking messages and finishes those already taken.</summary>
    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await writer.ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && pending.Reader.TryRead(out Pending? item))
            {
                batch.Add(item);
            }

            try
            {
                await StoreAsync(batch).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another instance stored one of these keys between our check and our commit: take them one at a time.
                foreach (Pending item in batch)
                {
                    await StoreOneAtATimeAsync(item).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // The writer must outlive any one batch; the callers get the error.
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (Pending item in batch)
                {
                    item.Done.TrySetException(e);
                }
            }

            batch.Clear();
        }
    }

    private async Task StoreOneAtATimeAsync(Pending item)
    {
        try
        {
            await StoreAsync([item]).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            try
            {
                await StoreAsync([item]).ConfigureAwait(false);
            }
#pragma warning disable CA1031
            catch (Exception e)
#pragma warning restore CA1031
            {
                item.Done.TrySetException(e);
            }
        }
#pragma warning disable CA1031
        catch (Exception e)
#pragma warning restore CA1031
        {
            item.Done.TrySetException(e);
        }
    }

    private async Task StoreAsync(List<Pending> batch)
    {
        await using PorterDb db = contexts.CreateDbContext();
        string[] messageIds = [.. batch.Select(p => p.Message.MessageId).OfType<string>().Distinct(StringComparer.Ordinal)];
        string[] externalIds = [.. batch.Select(p => p.ExternalId).OfType<string>().Distinct(StringComparer.Ordinal)];
        string[] senders = [.. batch.Select(p => p.Message.From).Distinct(StringComparer.Ordinal)];

        List<MessageRecord> existing = messageIds.Length == 0 && externalIds.Length == 0
            ? []
            : await db.Messages.AsNoTracking()
                .Where(m => (m.MessageId != null && messageIds.Contains(m.MessageId)) || (m.ExternalId != null && externalIds.Contains(m.ExternalId)))
                .ToListAsync().ConfigureAwait(false);
        Dictionary<string, Instant> lastReplies = await db.Messages.AsNoTracking()
            .Where(m => m.AutoReplyAt != null && senders.Contains(m.From))
            .GroupBy(m => m.From)
            .Select(g => new { From = g.Key, Last = g.Max(m => m.AutoReplyAt)!.Value })
            .ToDictionaryAsync(x => x.From, x => x.Last, StringComparer.Ordinal).ConfigureAwait(false);

        Instant now = clock.GetCurrentInstant();
        var results = new List<(Pending Item, MessageRecord Record, bool Created)>(batch.Count);
        foreach (Pending item in batch)
        {
            IncomingMessage message = item.Message;
            MessageRecord? repeat = existing.Find(m => IsSame(m, message, item.ExternalId))
                ?? results.Find(r => IsSame(r.Record, message, item.ExternalId)).Record;
            if (repeat is not null)
            {
                results.Add((item, repeat, false));
                continue;
            }

            Decision decision = decide(message, now, lastReplies.TryGetValue(message.From, out Instant last) ? last : null);
            MessageRecord record = ToRecord(message, item.ExternalId, decision, now);
            if (record.AutoReplyAt is { } replied)
            {
                lastReplies[message.From] = replied;
            }

            db.Messages.Add(record);
            foreach (ActionRecord action in ActionsFor(decision, now))
            {
                action.Message = record;
                db.Actions.Add(action);
            }

            results.Add((item, record, true));
        }

        if (results.Any(r => r.Created))
        {
            // One transaction, one durable commit for the whole batch, messages and their actions together.
            await db.SaveChangesAsync().ConfigureAwait(false);
        }

        foreach ((Pending item, MessageRecord record, bool created) in results)
        {
            item.Done.TrySetResult(new Acceptance(record, created));
        }
    }

    private static bool IsSame(MessageRecord stored, IncomingMessage message, string? externalId) =>
        (message.MessageId is not null && string.Equals(stored.MessageId, message.MessageId, StringComparison.Ordinal))
        || (externalId is not null && string.Equals(stored.ExternalId, externalId, StringComparison.Ordinal)
            && string.Equals(stored.Channel, message.Channel, StringComparison.Ordinal));

    private static MessageRecord ToRecord(IncomingMessage message, string? externalId, Decision decision, Instant now) => new()
    {
        Channel = message.Channel,
        From = message.From,
        To = string.Join('\n', message.Recipients),
        Subject = message.Subject,
        Body = message.Body,
        Headers = message.Headers.IsDefaultOrEmpty ? null : string.Join('\n', message.Headers.Select(h => $"{h.Name}: {h.Value}")),
        ReturnPath = message.ReturnPath,
        MessageId = message.MessageId,
        ExternalId = externalId,
        ReceivedAt = message.ReceivedAt,
        StoredAt = now,
        ClientId = decision.ClientId,
        Decision = decision.Kind.Name(),
        Priority = decision.Priority.Name(),
        PriorityRank = (int)decision.Priority,
        Deadline = decision.Deadline,
        HoldUntil = decision.HoldUntil,
        Signals = string.Join(',', decision.Signals.Select(s => s.Name())),
        Reasons = JsonSerializer.Serialize(decision.Reasons.Select(r => new StoredReason(r.Rule, r.Fact)), Json),
        AutoReplyAt = decision.AutoReply is null ? null : now,
    };

    /// <summary>The actions a decision calls for, each due when it should happen.</summary>
    private static IEnumerable<ActionRecord> ActionsFor(Decision decision, Instant now)
    {
        if (decision.AutoReply is { } reply)
        {
            yield return new ActionRecord
            {
                Kind = "auto_reply",
                DueAt = now,
                Payload = JsonSerializer.Serialize(new
                {
                    to = reply.To,
                    offered = reply.OfferedTime is { } offered ? InstantPattern.ExtendedIso.Format(offered) : null,
                    offeredLocal = reply.OfferedTimeInClientZone?.ToString("uuuu'-'MM'-'dd'T'HH':'mm o<g>", null),
                    zone = reply.OfferedTimeInClientZone?.Zone.Id,
                    urgentChannel = reply.UrgentChannel,
                    reminderChannel = reply.ReminderChannel,
                    inReplyTo = reply.InReplyTo,
                }, Json),
            };
        }

        if (decision.Kind == DecisionKind.Hold && decision.HoldUntil is { } until)
        {
            yield return new ActionRecord { Kind = "release", DueAt = until, Payload = "{}" };
        }

        if (decision.Kind == DecisionKind.Escalate)
        {
            yield return new ActionRecord { Kind = "escalate", DueAt = now, Payload = "{}" };
        }
    }

    private sealed record Pending(IncomingMessage Message, string? ExternalId, TaskCompletionSource<Acceptance> Done);
}

/// <summary>One stored reason.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Fact">The fact.</param>
public sealed record StoredReason(string Rule, string Fact);
