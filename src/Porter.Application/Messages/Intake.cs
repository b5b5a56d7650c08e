using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;

namespace Porter.Application.Messages;

/// <summary>A decision, the version of the practice it was made against (null when the practice has none, as in <c>porter import</c>), and whose it is.</summary>
/// <param name="Decision">The decision.</param>
/// <param name="PracticeVersion">The practice's version (the id of its change record).</param>
/// <param name="ProfessionalId">The professional the message is for (whose practice decided it).</param>
public readonly record struct Decided(Decision Decision, long? PracticeVersion, string? ProfessionalId = null);

/// <summary>A model's reading of a message's text for the practice of the professional it is for (their corrections count).</summary>
public delegate IReadOnlyList<Understood> Understand(IncomingMessage message, string professionalId);

/// <summary>Decides a message, given when the automatic reply's recipient last had one.</summary>
public delegate Decided Decide(IncomingMessage message, Instant now, Instant? lastAutoReplyToRecipient);

/// <summary>
/// The first half of "accept a message": which professional it is for (<see cref="Organisation.PracticeFor"/>) and
/// what their practice decides. No I/O; the message store (a port the storage adapter implements) calls it for each
/// new message, inside the transaction that stores it, so a repeat is never decided twice.
/// </summary>
public static class Intake
{
    /// <summary>A <see cref="Decide"/> over the practice <paramref name="current"/> gives at each call (with its version), with a model's reading when one is given.</summary>
    public static Decide Over(Func<(Organisation Organisation, long? Version)> current, Understand? understand = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        return (message, now, last) =>
        {
            (Organisation organisation, long? version) = current();
            return DecideFor(organisation, version, message, now, last, understand);
        };
    }

    /// <summary>Decides <paramref name="message"/> by the practice of the professional it is for.</summary>
    /// <param name="organisation">The practice.</param>
    /// <param name="version">Its version.</param>
    /// <param name="message">The message.</param>
    /// <param name="now">When it is decided.</param>
    /// <param name="lastAutoReplyToRecipient">When its reply's recipient last got an automatic reply.</param>
    /// <param name="understand">
    /// A model's reading of the text, when one is used: asked only for mail a person wrote (automatic, list and bulk mail,
    /// and the organisation's own, skip it), and used where the phrase rules found nothing.
    /// </param>
    public static Decided DecideFor(Organisation organisation, long? version, IncomingMessage message, Instant now, Instant? lastAutoReplyToRecipient, Understand? understand = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        Practice practice = organisation.PracticeFor(message);
        IReadOnlyList<Understood>? understood = understand is not null && AutomaticMail.Check(message, practice.Professional, practice.Colleagues) is null
            ? understand(message, practice.Professional.Id)
            : null;
        return new Decided(DecisionCore.Decide(practice, message, now, lastAutoReplyToRecipient, understood), version, practice.Professional.Id);
    }

    /// <summary>
    /// Decides <paramref name="message"/> after <paramref name="history"/>: the earlier messages (those that arrived
    /// before it), decided in the order they arrived as the service would have, so the reply window (one automatic
    /// reply per recipient per window) counts the replies they got; and the earlier message it answers, if its
    /// In-Reply-To or References name one.
    /// </summary>
    public static Replayed Replay(Organisation organisation, IEnumerable<IncomingMessage> history, IncomingMessage message)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(message);
        IncomingMessage[] earlier = [.. history.Where(h => h.ReceivedAt < message.ReceivedAt).OrderBy(h => h.ReceivedAt)];
        var lastReply = new Dictionary<string, Instant>(StringComparer.Ordinal);
        Instant? LastFor(IncomingMessage m) => lastReply.TryGetValue(AutoReplyPlan.KeyOf(AutoReplyPlan.RecipientOf(m)), out Instant at) ? at : null;
        foreach (IncomingMessage m in earlier)
        {
            if (DecideFor(organisation, null, m, m.ReceivedAt, LastFor(m)).Decision.AutoReply is { } reply)
            {
                lastReply[reply.WindowKey] = m.ReceivedAt;
            }
        }

        Instant? last = LastFor(message);
        string[] answers = [.. new[] { message.Header("In-Reply-To"), message.Header("References") }
            .OfType<string>()
            .SelectMany(h => h.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries))
            .Select(Bare)];
        IncomingMessage? thread = earlier.LastOrDefault(e => e.MessageId is { } id && answers.Contains(Bare(id), StringComparer.Ordinal));
        return new Replayed(DecideFor(organisation, null, message, message.ReceivedAt, last), earlier.Length, last, thread);
    }

    private static string Bare(string messageId) => messageId.Trim().Trim('<', '>');
}

/// <summary>A decision made after earlier messages (<see cref="Intake.Replay"/>).</summary>
/// <param name="Decided">The decision.</param>
/// <param name="Earlier">How many earlier messages were decided first.</param>
/// <param name="LastAutoReply">When the reply's recipient last got an automatic reply among them, if they did.</param>
/// <param name="Thread">The earlier message it answers, if any.</param>
public sealed record Replayed(Decided Decided, int Earlier, Instant? LastAutoReply, IncomingMessage? Thread);
