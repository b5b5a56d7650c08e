using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Porter.Domain.Decisions;
using Porter.Storage.Messages;
using Porter.Storage.Model;

namespace Porter.Web.Api;

/// <summary>A message posted to <c>POST /api/v1/messages</c>.</summary>
/// <param name="Channel">The channel it came in on: <c>email</c>, <c>sms</c>, <c>chat</c>, <c>whatsapp</c>…</param>
/// <param name="From">The sender's identity on that channel.</param>
/// <param name="To">The recipients: one string, comma-separated, or an array.</param>
/// <param name="Subject">The subject, if any.</param>
/// <param name="Body">The text.</param>
/// <param name="ReceivedAt">When the channel received it, an ISO-8601 instant with offset (<c>2026-11-24T23:10:00Z</c>); now if absent.</param>
/// <param name="ExternalId">The sender system's id for it: a repeat with the same channel and id is stored once.</param>
/// <param name="MessageId">The email Message-ID, if any: a repeat is stored once.</param>
/// <param name="Headers">Email headers that decisions read (<c>Auto-Submitted</c>, <c>List-Id</c>…), name to value.</param>
/// <param name="ReturnPath">The envelope sender, for email.</param>
public sealed record MessageRequest(
    string? Channel,
    string? From,
    JsonElement? To,
    string? Subject,
    string? Body,
    string? ReceivedAt,
    string? ExternalId,
    string? MessageId,
    Dictionary<string, string>? Headers,
    string? ReturnPath);

/// <summary>The answer to a posted message: its id, whether it is new, and its decision.</summary>
public sealed record AcceptedResponse(long Id, bool Created, string? ExternalId, DecisionResponse Decision);

/// <summary>A stored message and its decision.</summary>
public sealed record MessageResponse(
    long Id,
    bool Created,
    string Channel,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string ReceivedAt,
    string StoredAt,
    string? ExternalId,
    string? MessageId,
    DecisionResponse Decision);

/// <summary>A decision: what happens, by when, and why; and whose it is (the professional the message is for).</summary>
public sealed record DecisionResponse(
    string Kind,
    string Priority,
    string? Deadline,
    string? HoldUntil,
    string? ClientId,
    IReadOnlyList<string> Signals,
    IReadOnlyList<StoredReason> Reasons,
    bool AutoReply,
    string? ProfessionalId = null);

/// <summary>A message in the queue, with the professional it is for.</summary>
public sealed record QueueItem(long Id, string From, string Channel, string Subject, string? ClientId, string Decision, string Priority, string? Deadline, string ReceivedAt, string? ProfessionalId = null);

/// <summary>An action owed or done.</summary>
public sealed record ActionResponse(long Id, long? MessageId, string Kind, string DueAt, string? DoneAt, JsonElement Payload);

/// <summary>Turns stored records into API shapes.</summary>
internal static class Shapes
{

    public static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static string? Iso(Instant? instant) => instant is { } i ? Iso(i) : null;

    public static AcceptedResponse Accepted(Acceptance accepted) =>
        new(accepted.Record.Id, accepted.Created, accepted.Record.ExternalId, Message(accepted.Record, accepted.Created, accepted.Decision).Decision);

    public static MessageResponse Message(MessageRecord m, bool created, Decision? decided = null) => new(
        m.Id,
        created,
        m.Channel,
        m.From,
        m.To.Split('\n', StringSplitOptions.RemoveEmptyEntries),
        m.Subject,
        Iso(m.ReceivedAt),
        Iso(m.StoredAt),
        m.ExternalId,
        m.MessageId,
        new DecisionResponse(
            m.Decision,
            m.Priority,
            Iso(m.Deadline),
            Iso(m.HoldUntil),
            m.ClientId,
            m.Signals.Split(',', StringSplitOptions.RemoveEmptyEntries),
            decided is not null ? [.. decided.Reasons.Select(r => new StoredReason(r.Rule, r.Fact))] : JsonSerializer.Deserialize<StoredReason[]>(m.Reasons, JsonSerializerOptions.Web) ?? [],
            m.AutoReplyAt is not null,
            m.ProfessionalId));

    public static QueueItem Queue(MessageRecord m) =>
        new(m.Id, m.From, m.Channel, m.Subject, m.ClientId, m.Decision, m.Priority, Iso(m.Deadline), Iso(m.ReceivedAt), m.ProfessionalId);

    public static ActionResponse Action(ActionRecord a) =>
        new(a.Id, a.MessageRecordId, a.Kind.Name(), Iso(a.DueAt), Iso(a.DoneAt), JsonDocument.Parse(a.Payload).RootElement.Clone());
}
