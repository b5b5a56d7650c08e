using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.ChangeLog;

namespace Porter.Application.ChangeLog;

/// <summary>Someone a confirmation goes to.</summary>
/// <param name="Name">Their name.</param>
/// <param name="Email">Their address.</param>
public sealed record Recipient(string Name, string Email);

/// <summary>
/// Port: where the change log is kept (the storage adapter: <c>plan_changes</c>, append-only, one chain per
/// organisation, shared by every instance on one database).
/// </summary>
public interface IChangeLog
{
    /// <summary>
    /// Appends <paramref name="entry"/> (its sequence is given here, after the last) sealed after the last entry and,
    /// in the same transaction, a confirmation email to each of <paramref name="confirmTo"/>, due at <paramref name="sendAt"/>.
    /// </summary>
    Task<SealedEntry> AppendAsync(ChangeEntry entry, string professionalId, IReadOnlyList<Recipient> confirmTo, Instant sendAt, CancellationToken cancellationToken);

    /// <summary>The organisation's chain in the order it was written (every client's, or one client's entries).</summary>
    Task<IReadOnlyList<SealedEntry>> ReadAsync(string? clientId, CancellationToken cancellationToken);
}

/// <summary>What came of recording: the entry, or why not.</summary>
/// <param name="Entry">The entry kept, sealed.</param>
/// <param name="Problem">Why nothing was kept.</param>
public sealed record Recorded(SealedEntry? Entry, string? Problem);

/// <summary>
/// The use cases of the change log: record a client's change (found in their message, or entered by the
/// professional) and have it confirmed by email in working hours; take the client's confirmation or correction.
/// </summary>
public static class ChangeLogBook
{
    /// <summary>Who records what Porter finds in a message.</summary>
    public const string Porter = "porter";

    /// <summary>Records a change to <paramref name="client"/>'s plan and queues its confirmation to the client's contacts in the next time both work.</summary>
    /// <param name="log">The log.</param>
    /// <param name="practice">The practice of the client's professional.</param>
    /// <param name="client">The client.</param>
    /// <param name="what">What changed, in words.</param>
    /// <param name="askedBy">Who asked for it.</param>
    /// <param name="askedAt">When.</param>
    /// <param name="moves">The milestones it moves, each to its new date.</param>
    /// <param name="recordedBy">Who records it (<see cref="Porter"/> for a change found in a message).</param>
    /// <param name="now">Now.</param>
    /// <param name="messageId">The stored message it was found in.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public static async Task<Recorded> RecordChangeAsync(IChangeLog log, Practice practice, Client client, string what, string askedBy, Instant askedAt,
        IReadOnlyList<(string Milestone, LocalDate To)> moves, string recordedBy, Instant now, long? messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(moves);
        if (string.IsNullOrWhiteSpace(what))
        {
            return new Recorded(null, "Say what changed.");
        }

        if (askedAt > now)
        {
            return new Recorded(null, "A change cannot be asked for in the future.");
        }

        IReadOnlyList<SealedEntry> before = await log.ReadAsync(client.Id, cancellationToken).ConfigureAwait(false);
        (ImmutableArray<MilestoneMove> moved, string? problem) = ClientPlan.Moves(client, before.Select(e => e.Entry), moves);
        if (problem is not null)
        {
            return new Recorded(null, problem);
        }

        var entry = new ChangeEntry(0, client.Id, ChangeEntryKind.Change, null, Trim(what, 2000), Trim(string.IsNullOrWhiteSpace(askedBy) ? client.Name : askedBy, 320), askedAt,
            Trim(recordedBy, 320), now, moved, messageId);
        Recipient[] to = [.. client.Contacts.Where(c => !c.Emails.IsDefaultOrEmpty).Select(c => new Recipient(c.Name, c.Emails[0]))];
        return new Recorded(await log.AppendAsync(entry, practice.Professional.Id, to, practice.NextMutualOpening(now, client), cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>Records the client's confirmation or correction of change <paramref name="sequence"/>; no email goes for it.</summary>
    public static async Task<Recorded> AnswerAsync(IChangeLog log, Practice practice, Client client, long sequence, bool confirm, string? correction, string who, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(client);
        IReadOnlyList<SealedEntry> mine = await log.ReadAsync(client.Id, cancellationToken).ConfigureAwait(false);
        if (!mine.Any(e => e.Entry.Sequence == sequence && e.Entry.Kind == ChangeEntryKind.Change))
        {
            return new Recorded(null, $"There is no change {sequence} in {client.Name}'s log.");
        }

        if (!confirm && string.IsNullOrWhiteSpace(correction))
        {
            return new Recorded(null, "Say what is right instead.");
        }

        var entry = new ChangeEntry(0, client.Id, confirm ? ChangeEntryKind.Confirmed : ChangeEntryKind.Corrected, sequence,
            confirm ? "Confirmed" : Trim(correction!, 2000), Trim(who, 320), now, Trim(who, 320), now, [], null);
        return new Recorded(await log.AppendAsync(entry, practice.Professional.Id, [], now, cancellationToken).ConfigureAwait(false), null);
    }

    private static string Trim(string text, int length)
    {
        string trimmed = text.Trim();
        return trimmed.Length <= length ? trimmed : trimmed[..length];
    }
}
