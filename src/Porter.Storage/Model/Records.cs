using NodaTime;

namespace Porter.Storage.Model;

/// <summary>
/// A message as stored, with the decision it met and the reasons for it. Stored once: a repeat of the same Message-ID,
/// or of the same channel and external id, finds this row instead of adding one.
/// </summary>
public sealed class MessageRecord
{
    /// <summary>The id the API hands out.</summary>
    public long Id { get; set; }

    /// <summary>The channel it came in on (<c>email</c>, <c>sms</c>, <c>chat</c>…).</summary>
    public required string Channel { get; set; }

    /// <summary>The sender's identity on that channel.</summary>
    public required string From { get; set; }

    /// <summary>The recipients, one per line.</summary>
    public required string To { get; set; }

    /// <summary>The subject, empty if the channel has none.</summary>
    public required string Subject { get; set; }

    /// <summary>The text.</summary>
    public required string Body { get; set; }

    /// <summary>The headers that decisions read (email only), one <c>Name: value</c> per line.</summary>
    public string? Headers { get; set; }

    /// <summary>The envelope sender, when known (empty for a null path).</summary>
    public string? ReturnPath { get; set; }

    /// <summary>The Message-ID (email), unique when present.</summary>
    public string? MessageId { get; set; }

    /// <summary>The channel's own id for it (a webhook's message id, the caller's <c>externalId</c>), unique per channel when present.</summary>
    public string? ExternalId { get; set; }

    /// <summary>When the channel received it.</summary>
    public Instant ReceivedAt { get; set; }

    /// <summary>When Porter stored it (and decided).</summary>
    public Instant StoredAt { get; set; }

    /// <summary>The client it belongs to, if the sender is a known contact.</summary>
    public string? ClientId { get; set; }

    /// <summary>The decision: <c>deliver</c>, <c>hold</c>, <c>escalate</c>, <c>never_answer</c>.</summary>
    public required string Decision { get; set; }

    /// <summary>The priority: <c>low</c>, <c>normal</c>, <c>high</c>, <c>urgent</c>.</summary>
    public required string Priority { get; set; }

    /// <summary>The priority as a number for ordering: 0 low, 1 normal, 2 high, 3 urgent.</summary>
    public int PriorityRank { get; set; }

    /// <summary>When an answer is due, in business time, if there is a deadline.</summary>
    public Instant? Deadline { get; set; }

    /// <summary>Until when it is held, for held messages.</summary>
    public Instant? HoldUntil { get; set; }

    /// <summary>The signals noticed, comma-separated snake_case names.</summary>
    public required string Signals { get; set; }

    /// <summary>The reasons, as a JSON array of <c>{"rule": …, "fact": …}</c>.</summary>
    public required string Reasons { get; set; }

    /// <summary>When an automatic reply to this message was planned (the per-sender limit counts these), if one was.</summary>
    public Instant? AutoReplyAt { get; set; }
}

/// <summary>
/// Something Porter must do because of a message, recorded in the same transaction as the message (an outbox), so
/// an accepted message's actions are never lost; done once, when due.
/// </summary>
public sealed class ActionRecord
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The message that caused it; null for actions of the practice's own (a schedule change announced).</summary>
    public long? MessageRecordId { get; set; }

    /// <summary>The message that caused it, if one did.</summary>
    public MessageRecord? Message { get; set; }

    /// <summary>What to do: <c>auto_reply</c>, <c>release</c> (a held message into the queue), <c>escalate</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>When it is due.</summary>
    public Instant DueAt { get; set; }

    /// <summary>What the action needs, as JSON (an auto-reply's recipient and offered time…).</summary>
    public required string Payload { get; set; }

    /// <summary>When it was done (or given up), or null while pending.</summary>
    public Instant? DoneAt { get; set; }

    /// <summary>How many times it was tried.</summary>
    public int Attempts { get; set; }

    /// <summary>What came of it, in words: "sent to …", "skipped: …", "held for review: …".</summary>
    public string? Result { get; set; }

    /// <summary>The last error, while it is being retried.</summary>
    public string? LastError { get; set; }
}

/// <summary>An API key: its name and a SHA-256 hash of the secret (the secret itself is shown once and never stored).</summary>
public sealed class ApiKeyRecord
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The name given at creation.</summary>
    public required string Name { get; set; }

    /// <summary>The key's public prefix, shown in listings.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole key, hex.</summary>
    public required string Hash { get; set; }

    /// <summary>When it was made.</summary>
    public Instant CreatedAt { get; set; }

    /// <summary>When it was revoked, if it was.</summary>
    public Instant? RevokedAt { get; set; }
}

/// <summary>How far Porter has read an IMAP folder: resumable by UID, restarted when the folder's UIDVALIDITY changes.</summary>
public sealed class MailboxStateRecord
{
    /// <summary>The folder: <c>user@host:port/folder</c>.</summary>
    public required string Id { get; set; }

    /// <summary>The folder's UIDVALIDITY when it was last read.</summary>
    public long UidValidity { get; set; }

    /// <summary>The highest UID taken (stored, or refused with its reason logged).</summary>
    public long LastUid { get; set; }

    /// <summary>When this was last updated.</summary>
    public Instant UpdatedAt { get; set; }
}

/// <summary>A value Porter keeps between runs (the schedule last announced to clients…).</summary>
public sealed class SettingRecord
{
    /// <summary>The name.</summary>
    public required string Key { get; set; }

    /// <summary>The value.</summary>
    public required string Value { get; set; }
}
