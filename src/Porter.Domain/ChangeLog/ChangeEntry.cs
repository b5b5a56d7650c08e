using System.Collections.Immutable;
using NodaTime;

namespace Porter.Domain.ChangeLog;

/// <summary>What an entry of the change log records.</summary>
public enum ChangeEntryKind
{
    /// <summary>A change to the agreed plan, asked for by the client (found in their message, or entered by the professional).</summary>
    Change,

    /// <summary>The client confirmed an earlier change (<see cref="ChangeEntry.Refers"/>) through the link in its email.</summary>
    Confirmed,

    /// <summary>The client corrected an earlier change (<see cref="ChangeEntry.Refers"/>): what they say instead is in <see cref="ChangeEntry.What"/>.</summary>
    Corrected,
}

/// <summary>A milestone's date moved by a change: from the date in force before to the new one.</summary>
/// <param name="Milestone">The milestone's name, as in the agreement.</param>
/// <param name="From">Its date before the change.</param>
/// <param name="To">Its date after.</param>
public sealed record MilestoneMove(string Milestone, LocalDate From, LocalDate To)
{
    /// <summary>The delay in days (negative when brought forward).</summary>
    public int Days => Period.DaysBetween(From, To);
}

/// <summary>
/// One entry of a client's change log. Entries are only ever added: a confirmation or a correction is an entry of its
/// own that refers to the change. Every entry is sealed into the organisation's chain (<see cref="ChangeChain"/>).
/// </summary>
/// <param name="Sequence">Its place in the organisation's chain, from 1.</param>
/// <param name="ClientId">The client whose plan it is.</param>
/// <param name="Kind">A change, or the client's confirmation or correction of one.</param>
/// <param name="Refers">For a confirmation or correction: the change's sequence.</param>
/// <param name="What">What changed, in words (for a correction: what the client says instead).</param>
/// <param name="AskedBy">Who asked for it (the client's contact; for a confirmation or correction, who answered).</param>
/// <param name="AskedAt">When they asked.</param>
/// <param name="RecordedBy">Who recorded it: a person's email, or <c>porter</c> when found in a message.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="Moves">The milestones it moves.</param>
/// <param name="MessageId">The stored message it was found in, if any.</param>
public sealed record ChangeEntry(
    long Sequence,
    string ClientId,
    ChangeEntryKind Kind,
    long? Refers,
    string What,
    string AskedBy,
    Instant AskedAt,
    string RecordedBy,
    Instant RecordedAt,
    ImmutableArray<MilestoneMove> Moves,
    long? MessageId);

/// <summary>An entry as kept: the hash of the entry before it and its own (<see cref="ChangeChain.Seal"/>).</summary>
/// <param name="Entry">The entry.</param>
/// <param name="Previous">The hash of the entry before it (<see cref="ChangeChain.Genesis"/> for the first).</param>
/// <param name="Hash">Its own hash, over its fields and <paramref name="Previous"/>.</param>
public sealed record SealedEntry(ChangeEntry Entry, string Previous, string Hash);
