using NodaTime;
using Porter.Application.Access;

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

    /// <summary>When an automatic reply to this message was planned (the per-recipient limit counts these), if one was.</summary>
    public Instant? AutoReplyAt { get; set; }

    /// <summary>Whom that automatic reply goes to, as the reply window counts it (bare address, lower case), if one was planned.</summary>
    public string? AutoReplyTo { get; set; }

    /// <summary>The version of the practice the decision was made against (<see cref="ChangeRecord.Id"/>), when known.</summary>
    public long? PracticeVersion { get; set; }

    /// <summary>A reply drafted for the professional to send (an assistant's), if any.</summary>
    public string? Draft { get; set; }

    /// <summary>Who wrote <see cref="Draft"/> (their email).</summary>
    public string? DraftBy { get; set; }

    /// <summary>The professional it is for (<c>Professional.Id</c>): whose client wrote, else whom it was addressed to; null before several professionals (the first's).</summary>
    public string? ProfessionalId { get; set; }

    /// <summary>The organisation it belongs to (every query for a person is filtered by it).</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>When the professional dealt with it (a reply queued, or marked answered), or null while it waits in the queue.</summary>
    public Instant? DoneAt { get; set; }

    /// <summary>
    /// When the client got, or gets, the first answer: the send time of the first reply queued, or when it was marked
    /// answered by hand; null while unanswered. The reports count promises kept from it.
    /// </summary>
    public Instant? AnsweredAt { get; set; }

    /// <summary>The HTML part of an email, as received (shown only sanitised, in a sandboxed frame), if it had one.</summary>
    public string? HtmlBody { get; set; }

    /// <summary>
    /// Since when the professional waits on the client (they asked the client something back): the response clock is
    /// paused, and the deadline moves on by the working time it stayed paused when the client answers.
    /// </summary>
    public Instant? WaitingSince { get; set; }

    /// <summary>The conversation it belongs to (<see cref="Porter.Domain.Messages.IncomingMessage.ThreadKey"/>): an email thread's root Message-ID, or a text thread's channel and sender.</summary>
    public string? ThreadKey { get; set; }

    /// <summary>The working time the professional logged on it, in minutes (time accounting: reviews weigh each client's load against the time their agreement includes).</summary>
    public int MinutesSpent { get; set; }
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

    /// <summary>What to do.</summary>
    public required ActionKind Kind { get; set; }

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

    /// <summary>The organisation it belongs to.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;
}

/// <summary>
/// An entry of a client's change log, sealed into its organisation's hash chain (<c>previous_hash</c>, <c>hash</c>).
/// The table refuses UPDATE and DELETE; <c>porter audit verify</c> finds what was changed behind its back all the same.
/// </summary>
public sealed class PlanChangeRecord
{
    /// <summary>The id (the order entries were written in).</summary>
    public long Id { get; set; }

    /// <summary>The organisation whose chain it is in.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>Its place in the chain, from 1.</summary>
    public long Sequence { get; set; }

    /// <summary>The client.</summary>
    public required string ClientId { get; set; }

    /// <summary>The client's professional.</summary>
    public required string ProfessionalId { get; set; }

    /// <summary><c>change</c>, <c>confirmed</c> or <c>corrected</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>For a confirmation or correction: the change's sequence.</summary>
    public long? Refers { get; set; }

    /// <summary>What changed.</summary>
    public required string What { get; set; }

    /// <summary>Who asked.</summary>
    public required string AskedBy { get; set; }

    /// <summary>When they asked.</summary>
    public Instant AskedAt { get; set; }

    /// <summary>Who recorded it.</summary>
    public required string RecordedBy { get; set; }

    /// <summary>When.</summary>
    public Instant RecordedAt { get; set; }

    /// <summary>The milestones moved, as JSON <c>[{"milestone", "from", "to"}]</c>.</summary>
    public required string Moves { get; set; }

    /// <summary>The message it was found in.</summary>
    public long? MessageRecordId { get; set; }

    /// <summary>The hash of the entry before it.</summary>
    public required string PreviousHash { get; set; }

    /// <summary>Its hash.</summary>
    public required string Hash { get; set; }
}

/// <summary>A check-in or feedback round that came round for a client (one per client, kind and time), and the client's answer to a feedback round.</summary>
public sealed class CadenceRunRecord
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The organisation.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>The client.</summary>
    public required string ClientId { get; set; }

    /// <summary>The client's professional.</summary>
    public required string ProfessionalId { get; set; }

    /// <summary><c>check_in</c> or <c>feedback</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>When it came round (the agreed time).</summary>
    public Instant Due { get; set; }

    /// <summary>For feedback: the question asked.</summary>
    public string? Question { get; set; }

    /// <summary>For feedback: the client's answer.</summary>
    public string? Answer { get; set; }

    /// <summary>When they answered.</summary>
    public Instant? AnsweredAt { get; set; }
}

/// <summary>A notification to the professional about a message (a deadline about to pass, an emergency): once per message and kind.</summary>
public sealed class NotificationRecord
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The organisation.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>The message.</summary>
    public long MessageRecordId { get; set; }

    /// <summary><c>deadline</c> or <c>emergency</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>When it was put on record.</summary>
    public Instant At { get; set; }
}

/// <summary>A file attached to a stored message; offered for download only, never shown inline.</summary>
public sealed class AttachmentRecord
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The message it came with.</summary>
    public long MessageRecordId { get; set; }

    /// <summary>The organisation.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>Its name as the sender gave it.</summary>
    public required string FileName { get; set; }

    /// <summary>Its MIME type as the sender declared it (shown only).</summary>
    public required string ContentType { get; set; }

    /// <summary>Its size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>Its bytes.</summary>
    public required byte[] Content { get; set; }
}

/// <summary>
/// A page to the person on call about an escalated message: one per message and page number (0 first, then the
/// re-pages to the next people in the rotation), with the token of its acknowledgement link.
/// </summary>
public sealed class PageRecord
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The organisation.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>The message escalated.</summary>
    public long MessageRecordId { get; set; }

    /// <summary>The professional whose on-call duty it is.</summary>
    public required string ProfessionalId { get; set; }

    /// <summary>Which page of the escalation: 0 the first, 1 the first re-page…</summary>
    public int Number { get; set; }

    /// <summary>The place in the rotation of the person who got page 0 (the others follow from it).</summary>
    public int First { get; set; }

    /// <summary>Who was paged.</summary>
    public required string Person { get; set; }

    /// <summary>The address the page was mailed to, if any.</summary>
    public string? Email { get; set; }

    /// <summary>Their phone number, if any.</summary>
    public string? Phone { get; set; }

    /// <summary>When it was paged.</summary>
    public Instant SentAt { get; set; }

    /// <summary>The unguessable token of the acknowledgement link (<c>/p/TOKEN</c>).</summary>
    public required string Token { get; set; }

    /// <summary>When it was acknowledged, if it was.</summary>
    public Instant? AcknowledgedAt { get; set; }
}

/// <summary>A handover of on-call duty, put on record once (whichever instance writes first) with the action that mails the note.</summary>
public sealed class HandoverRecord
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The organisation.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>The professional whose on-call duty it is.</summary>
    public required string ProfessionalId { get; set; }

    /// <summary>When the turn passes.</summary>
    public Instant At { get; set; }

    /// <summary>Who hands over.</summary>
    public required string FromPerson { get; set; }

    /// <summary>Who takes over.</summary>
    public required string ToPerson { get; set; }
}

/// <summary>A review mailed to a professional: one per professional, kind and period, whichever instance writes it first.</summary>
public sealed class ReviewRecord
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The organisation.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>The professional reviewed.</summary>
    public required string ProfessionalId { get; set; }

    /// <summary>The review: <c>communication</c>, <c>response-times</c>, <c>availability</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The period's first day, <c>2026-11-01</c>.</summary>
    public required string PeriodStart { get; set; }

    /// <summary>When it was put on record.</summary>
    public Instant CreatedAt { get; set; }
}

/// <summary>A professional's correction of what Porter read in a message: a labelled example of their practice.</summary>
public sealed class CorrectionRecord
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The organisation it belongs to.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>Whose practice it teaches.</summary>
    public required string ProfessionalId { get; set; }

    /// <summary>The message corrected (null once the message is gone, or for one entered without a message).</summary>
    public long? MessageRecordId { get; set; }

    /// <summary>The text the model reads (subject and body), kept with the correction.</summary>
    public required string Text { get; set; }

    /// <summary>The labels it carries, comma-separated (empty: an ordinary request).</summary>
    public required string Labels { get; set; }

    /// <summary>Who corrected it.</summary>
    public required string By { get; set; }

    /// <summary>When.</summary>
    public Instant At { get; set; }
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

/// <summary>
/// An organisation: the tenant that people, messages, actions and bookings belong to. A person sees only their own
/// organisation's data; the data layer filters every query by it (<see cref="PorterDb.Tenant"/>).
/// </summary>
public sealed class OrganisationRecord
{
    /// <summary>The organisation this instance's practice (porter.json) belongs to; made by the first migration.</summary>
    public const long InstanceId = 1;

    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The name.</summary>
    public required string Name { get; set; }
}

/// <summary>A person who logs in to the dashboard (ASP.NET Core Identity), in one organisation.</summary>
public sealed class PorterUser : Microsoft.AspNetCore.Identity.IdentityUser
{
    /// <summary>The organisation whose data this person sees.</summary>
    public long OrganisationId { get; set; }

    /// <summary>What this person may do (<see cref="PersonRole"/>); people made before roles are owners.</summary>
    public PersonRole Role { get; set; } = PersonRole.Owner;

    /// <summary>The professional whose work this person does or helps with (<c>Professional.Id</c>); required for a professional or an assistant, optional for an owner who is also a professional.</summary>
    public string? ProfessionalId { get; set; }
}

/// <summary>An unguessable link that lets a client read their agreement and book a time, without logging in.</summary>
public sealed class ClientLinkRecord
{
    /// <summary>The token in the link: 32 random bytes, base64url.</summary>
    public required string Token { get; set; }

    /// <summary>The organisation.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>The client's id in the practice.</summary>
    public required string ClientId { get; set; }

    /// <summary>When it was made.</summary>
    public Instant CreatedAt { get; set; }
}

/// <summary>A time a client booked on the booking page. One booking per start time: two people cannot take one slot.</summary>
public sealed class BookingRecord
{
    /// <summary>The id.</summary>
    public long Id { get; set; }

    /// <summary>The organisation.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>The professional booked (<c>Professional.Id</c>); null before several professionals (the first's).</summary>
    public string? ProfessionalId { get; set; }

    /// <summary>The client's id.</summary>
    public required string ClientId { get; set; }

    /// <summary>When it starts.</summary>
    public Instant Start { get; set; }

    /// <summary>When it ends.</summary>
    public Instant End { get; set; }

    /// <summary>Who booked it.</summary>
    public required string Name { get; set; }

    /// <summary>Their email address (the confirmation goes there).</summary>
    public required string Email { get; set; }

    /// <summary>What it is about, in their words.</summary>
    public string? Note { get; set; }

    /// <summary>When it was booked.</summary>
    public Instant CreatedAt { get; set; }

    /// <summary>The iCalendar UID of the event (the same in the confirmation and in the feed).</summary>
    public required string Uid { get; set; }
}

/// <summary>
/// One change, on record: who made it, when, and what changed (each field before and after). Append-only: the
/// database refuses to update or delete a row (triggers on both providers), so the history can be trusted; later
/// features (the client's change log, reviews) add their own subjects to the same table. For the practice, the row
/// also keeps the whole document after the change, so its id is the practice's version and any version can be read
/// back whole.
/// </summary>
public sealed class ChangeRecord
{
    /// <summary>The id; for the practice, its version.</summary>
    public long Id { get; set; }

    /// <summary>The organisation it belongs to.</summary>
    public long OrganisationId { get; set; } = OrganisationRecord.InstanceId;

    /// <summary>What changed: <c>practice</c> (porter.json's settings), <c>status</c> (the professional's status).</summary>
    public required string Subject { get; set; }

    /// <summary>When.</summary>
    public Instant At { get; set; }

    /// <summary>Who: a person's email, or what did it (<c>porter.json at start</c>, <c>porter practice import</c>).</summary>
    public required string Actor { get; set; }

    /// <summary>The changed fields in a few words.</summary>
    public required string Summary { get; set; }

    /// <summary>Each changed field with its value before and after, as JSON: <c>[{"path", "before", "after"}]</c>.</summary>
    public required string Changes { get; set; }

    /// <summary>For the practice: the whole document after the change (porter.json's text); null for other subjects.</summary>
    public string? Document { get; set; }

    /// <summary>For the practice: the files the document refers to (holiday calendars), as JSON <c>{"path": "text"}</c>, so every version reads whole on any instance.</summary>
    public string? Files { get; set; }
}

/// <summary>What an action does. Stored as its snake_case name (<see cref="ActionKinds.Name"/>), as before it was typed.</summary>
public enum ActionKind
{
    /// <summary>A kind this version does not know (written by a newer one): skipped, with the reason.</summary>
    Unknown,

    /// <summary>An automatic reply (RFC 3834) to the message: the offered time, the urgent channel, or a reminder of the agreed one.</summary>
    AutoReply,

    /// <summary>A held message's window opens: it joins the queue.</summary>
    Release,

    /// <summary>An emergency outside hours: on-call is told by email and webhook.</summary>
    Escalate,

    /// <summary>A reply the professional wrote, sent at its time (the next working window after hours).</summary>
    SendReply,

    /// <summary>A change of working hours, announced to a client contact.</summary>
    Announce,

    /// <summary>A booking's confirmation, with its invitation.</summary>
    BookingConfirmation,

    /// <summary>A change to the plan, sent to a client contact to confirm or correct.</summary>
    ChangeConfirmation,

    /// <summary>An agreed check-in comes round: a reminder to the professional, or the prepared message to the client.</summary>
    CheckIn,

    /// <summary>An agreed feedback round: the question to the client's contacts, with the link to answer.</summary>
    FeedbackRequest,

    /// <summary>A review of the period mailed to the professional, with its figures, charts and suggestions.</summary>
    Review,

    /// <summary>A re-page: when the last page of an escalation is not acknowledged in time, the next person in the rotation is paged.</summary>
    Page,

    /// <summary>The handover note of on-call duty to the person taking over (copied to the one handing over).</summary>
    Handover,

    /// <summary>A notification to the professional: a deadline about to pass, or an emergency.</summary>
    Notify,

    /// <summary>A reminder of a booking to the client who booked, a day before it.</summary>
    BookingReminder,
}

/// <summary>The names actions are stored and shown by.</summary>
public static class ActionKinds
{
    /// <summary>The stored name: <c>auto_reply</c>, <c>release</c>, <c>escalate</c>, <c>send_reply</c>, <c>announce</c>, <c>booking_confirmation</c>, <c>change_confirmation</c>, <c>check_in</c>, <c>feedback_request</c>, <c>review</c>, <c>page</c>, <c>handover</c>, <c>notify</c>, <c>booking_reminder</c>.</summary>
    public static string Name(this ActionKind kind) => kind switch
    {
        ActionKind.AutoReply => "auto_reply",
        ActionKind.Release => "release",
        ActionKind.Escalate => "escalate",
        ActionKind.SendReply => "send_reply",
        ActionKind.Announce => "announce",
        ActionKind.BookingConfirmation => "booking_confirmation",
        ActionKind.ChangeConfirmation => "change_confirmation",
        ActionKind.CheckIn => "check_in",
        ActionKind.FeedbackRequest => "feedback_request",
        ActionKind.Review => "review",
        ActionKind.Page => "page",
        ActionKind.Handover => "handover",
        ActionKind.Notify => "notify",
        ActionKind.BookingReminder => "booking_reminder",
        _ => "unknown",
    };

    /// <summary>The kind of a stored name; <see cref="ActionKind.Unknown"/> for a name this version does not know.</summary>
    public static ActionKind Parse(string? name) => name switch
    {
        "auto_reply" => ActionKind.AutoReply,
        "release" => ActionKind.Release,
        "escalate" => ActionKind.Escalate,
        "send_reply" => ActionKind.SendReply,
        "announce" => ActionKind.Announce,
        "booking_confirmation" => ActionKind.BookingConfirmation,
        "change_confirmation" => ActionKind.ChangeConfirmation,
        "check_in" => ActionKind.CheckIn,
        "feedback_request" => ActionKind.FeedbackRequest,
        "review" => ActionKind.Review,
        "page" => ActionKind.Page,
        "handover" => ActionKind.Handover,
        "notify" => ActionKind.Notify,
        "booking_reminder" => ActionKind.BookingReminder,
        _ => ActionKind.Unknown,
    };
}
