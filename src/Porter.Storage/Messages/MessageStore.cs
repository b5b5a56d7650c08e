using System.Collections.Immutable;
using System.Text.Json;
using System.Threading.Channels;
using NodaTime;
using NodaTime.Text;
using Porter.Application.Messages;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Porter.Storage.Model;

namespace Porter.Storage.Messages;

/// <summary>What accepting a message came to.</summary>
/// <param name="Record">The stored message with its decision.</param>
/// <param name="Created">False when it was a repeat of a message already stored (nothing new was stored).</param>
/// <param name="Decision">The decision just made, for a new message (a repeat's is in <paramref name="Record"/>).</param>
public sealed record Acceptance(MessageRecord Record, bool Created, Decision? Decision = null);

/// <summary>
/// Thrown when the store already holds as many messages waiting for the database as it takes: the caller should answer
/// "busy, try again shortly" (HTTP 503 with Retry-After) rather than let the wait grow without bound. Nothing was stored.
/// </summary>
public sealed class MessageStoreFullException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MessageStoreFullException()
        : base("Porter is taking in more messages than its database can store just now; nothing was stored. Try again shortly.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MessageStoreFullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MessageStoreFullException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Accepts messages: decides each, stores it with its decision and the actions it calls for, once. Concurrent callers
/// are gathered into one transaction (group commit), so one durable commit acknowledges many messages; a caller's task
/// completes only after the commit that holds its message. A repeat (same Message-ID, or same channel and external id)
/// answers with the stored message and stores nothing.
/// </summary>
/// <threadsafety>Safe for concurrent use; one writer loop per store.</threadsafety>
public sealed class MessageStore : IAsyncDisposable
{
    /// <summary>How many messages may wait for the database by default, beyond the batch being written.</summary>
    public const int DefaultCapacity = 10_000;

    private const int MaxBatch = 256;
    private readonly StorageOptions storage;
    private readonly Decide decide;
    private readonly IClock clock;
    private readonly Channel<Pending> pending;
    private readonly Task writer;

    private readonly Action<MessageRecord>? stored;

    /// <summary>Starts the writer.</summary>
    /// <param name="storage">The database.</param>
    /// <param name="decide">Decides each new message.</param>
    /// <param name="clock">When "now" is.</param>
    /// <param name="stored">Told of each new message once it is durable (metrics).</param>
    /// <param name="capacity">How many messages may wait for the database (beyond the batch being written) before <see cref="AcceptAsync(IncomingMessage, string?, CancellationToken)"/> refuses more.</param>
    public MessageStore(StorageOptions storage, Decide decide, IClock clock, Action<MessageRecord>? stored = null, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        pending = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        this.stored = stored;
        this.storage = storage;
        this.decide = decide;
        this.clock = clock;
        writer = Task.Run(WriteAsync);
    }

    /// <summary>
    /// Decides and stores a message once; completes when it is durable. When the store is full (the database is
    /// behind by <c>capacity</c> messages), throws <see cref="MessageStoreFullException"/> at once.
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="externalId">The channel's own id for it, if any (unique per channel).</param>
    /// <param name="cancellationToken">Stops waiting; the message may still be stored.</param>
    public Task<Acceptance> AcceptAsync(IncomingMessage message, string? externalId, CancellationToken cancellationToken = default) =>
        AcceptAsync(message, externalId, waitWhenFull: false, cancellationToken);

    /// <summary>
    /// Decides and stores a message once; completes when it is durable. When the store is full, throws
    /// <see cref="MessageStoreFullException"/> at once, or, with <paramref name="waitWhenFull"/>, waits for room (for
    /// a reader that can simply slow down, such as IMAP).
    /// </summary>
    /// <param name="message">The message.</param>
    /// <param name="externalId">The channel's own id for it, if any (unique per channel).</param>
    /// <param name="waitWhenFull">Wait for room instead of refusing.</param>
    /// <param name="cancellationToken">Stops waiting; the message may still be stored once it was taken.</param>
    public async Task<Acceptance> AcceptAsync(IncomingMessage message, string? externalId, bool waitWhenFull, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var item = new Pending(message, string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim(), new TaskCompletionSource<Acceptance>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!pending.Writer.TryWrite(item))
        {
            if (pending.Reader.Completion.IsCompleted)
            {
                throw new InvalidOperationException("The message store is shutting down.");
            }

            if (!waitWhenFull)
            {
                throw new MessageStoreFullException();
            }

            try
            {
                await pending.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException e)
            {
                throw new InvalidOperationException("The message store is shutting down.", e);
            }
        }

        return await item.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
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
        MessageWriter? connection = null;
        while (await pending.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && pending.Reader.TryRead(out Pending? item))
            {
                batch.Add(item);
            }

            try
            {
                connection = await StoreOrIsolateAsync(connection, batch).ConfigureAwait(false);
            }
            finally
            {
                batch.Clear();
            }
        }

        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stores a batch; if it fails, stores its messages one by one, so a message the database refuses fails alone and
    /// the others are still stored. Returns the connection to go on with.
    /// </summary>
    private async Task<MessageWriter?> StoreOrIsolateAsync(MessageWriter? connection, List<Pending> batch)
    {
        (connection, Exception? error) = await TryStoreAsync(connection, batch).ConfigureAwait(false);
        if (error is null)
        {
            return connection;
        }

        if (batch.Count == 1)
        {
            batch[0].Done.TrySetException(error);
            return connection;
        }

        foreach (Pending item in batch)
        {
            (connection, Exception? alone) = await TryStoreAsync(connection, [item]).ConfigureAwait(false);
            if (alone is not null)
            {
                item.Done.TrySetException(alone);
            }
        }

        return connection;
    }

    /// <summary>Stores messages in one transaction; on failure closes the connection (it may be broken) and returns the error.</summary>
    private async Task<(MessageWriter? Connection, Exception? Error)> TryStoreAsync(MessageWriter? connection, List<Pending> part)
    {
        try
        {
#pragma warning disable CA2000 // Closed here on failure, by the writer loop at the end.
            connection ??= await MessageWriter.OpenAsync(storage, CancellationToken.None).ConfigureAwait(false);
#pragma warning restore CA2000
            await StoreAsync(connection, part).ConfigureAwait(false);
            return (connection, null);
        }
#pragma warning disable CA1031 // The writer must outlive any one message: its caller gets the error, nothing is acknowledged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            return (null, e);
        }
    }

    /// <summary>One transaction, one durable commit, for the whole batch: messages and their actions together.</summary>
    private async Task StoreAsync(MessageWriter connection, List<Pending> batch)
    {
        Instant now = clock.GetCurrentInstant();
        var lastReplies = new Dictionary<string, Instant?>(StringComparer.Ordinal);
        var results = new Acceptance[batch.Count];
        await connection.BeginAsync().ConfigureAwait(false);
        try
        {
            for (int i = 0; i < batch.Count; i++)
            {
                IncomingMessage message = batch[i].Message;
                string? externalId = batch[i].ExternalId;

                // The per-recipient reply limit needs the last reply only when this decision would send one.
                (Decision decision, long? version, string? professional) = decide(message, now, null);
                if (decision.AutoReply is { } planned)
                {
                    string recipient = planned.WindowKey;
                    if (!lastReplies.TryGetValue(recipient, out Instant? last))
                    {
                        last = await connection.LastAutoReplyAsync(recipient).ConfigureAwait(false);
                        lastReplies[recipient] = last;
                    }

                    if (last is not null)
                    {
                        (decision, version, professional) = decide(message, now, last);
                    }
                }

                MessageRecord record = ToRecord(message, externalId, decision, now);
                record.PracticeVersion = version;
                record.ProfessionalId = professional;
                long? id = await connection.InsertAsync(record, [.. ActionsFor(decision, now)], message.Attachments).ConfigureAwait(false);
                if (id is null)
                {
                    MessageRecord stored = (message.MessageId is null ? null : await connection.FindAsync(message.Channel, message.MessageId, null).ConfigureAwait(false))
                        ?? (externalId is null ? null : await connection.FindAsync(message.Channel, null, externalId).ConfigureAwait(false))
                        ?? throw new InvalidOperationException("A message conflicted with a stored one that cannot be found.");
                    results[i] = new Acceptance(stored, Created: false);
                    continue;
                }

                record.Id = id.Value;
                if (record.AutoReplyAt is { } replied)
                {
                    lastReplies[record.AutoReplyTo!] = replied;
                }

                results[i] = new Acceptance(record, Created: true, decision);
            }

            await connection.CommitAsync().ConfigureAwait(false);
        }
        catch
        {
            await connection.RollbackAsync().ConfigureAwait(false);
            throw;
        }

        for (int i = 0; i < batch.Count; i++)
        {
            if (results[i].Created)
            {
                stored?.Invoke(results[i].Record);
            }

            batch[i].Done.TrySetResult(results[i]);
        }
    }

    /// <summary>The stored row for a message and its decision (<see cref="MessageRecords.ToIncoming"/> reads it back).</summary>
    private static MessageRecord ToRecord(IncomingMessage message, string? externalId, Decision decision, Instant now) => new()
    {
        Channel = message.Channel,
        From = message.From,
        To = string.Join('\n', message.Recipients),
        Subject = message.Subject,
        Body = message.Body,
        Headers = message.Headers.IsDefaultOrEmpty ? null : string.Join('\n', message.Headers.Select(h => $"{h.Name}{MessageRecords.HeaderSeparator} {h.Value}")),
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
        Reasons = JsonSerializer.Serialize(decision.Reasons.Select(r => new StoredReason(r.Rule, r.Fact)), JsonSerializerOptions.Web),
        AutoReplyAt = decision.AutoReply is null ? null : now,
        AutoReplyTo = decision.AutoReply?.WindowKey,
        HtmlBody = message.Html,
        ThreadKey = Truncate(message.ThreadKey, 998),
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>The actions a decision calls for, each due when it should happen.</summary>
    private static IEnumerable<ActionRecord> ActionsFor(Decision decision, Instant now)
    {
        if (decision.AutoReply is { } reply)
        {
            yield return new ActionRecord
            {
                Kind = ActionKind.AutoReply,
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
                    backup = reply.Backup,
                }, JsonSerializerOptions.Web),
            };
        }

        if (decision.Kind == DecisionKind.Hold && decision.HoldUntil is { } until)
        {
            yield return new ActionRecord { Kind = ActionKind.Release, DueAt = until, Payload = "{}" };
        }

        if (decision.Kind == DecisionKind.Escalate)
        {
            yield return new ActionRecord { Kind = ActionKind.Escalate, DueAt = now, Payload = "{}" };
        }
    }

    private sealed record Pending(IncomingMessage Message, string? ExternalId, TaskCompletionSource<Acceptance> Done);
}

/// <summary>One stored reason.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Fact">The fact.</param>
public sealed record StoredReason(string Rule, string Fact);

/// <summary>Reading a stored message back as the message it was.</summary>
public static class MessageRecords
{
    /// <summary>Between a stored header's name and value; one header per line.</summary>
    internal const char HeaderSeparator = ':';

    /// <summary>The message as it came in: recipients and headers one per line, as <see cref="MessageStore"/> stored them.</summary>
    public static IncomingMessage ToIncoming(this MessageRecord m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new IncomingMessage(
            m.Channel,
            m.From,
            [.. m.To.Split('\n', StringSplitOptions.RemoveEmptyEntries)],
            m.ReceivedAt,
            m.Subject,
            m.Body,
            m.Headers is null
                ? ImmutableArray<MessageHeader>.Empty
                : [.. m.Headers.Split('\n').Select(h => h.Split(HeaderSeparator, 2)).Where(p => p.Length == 2).Select(p => new MessageHeader(p[0], p[1].Trim()))],
            m.ReturnPath,
            m.MessageId,
            m.HtmlBody);
    }
}
