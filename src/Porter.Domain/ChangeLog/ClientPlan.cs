using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Agreements;

namespace Porter.Domain.ChangeLog;

/// <summary>A milestone as it stands: its date in the agreement, its date now, and the changes that moved it (in order).</summary>
/// <param name="Agreed">The milestone as agreed.</param>
/// <param name="Due">Its date now.</param>
/// <param name="MovedBy">The changes that moved it, oldest first, each with its move.</param>
public sealed record MilestoneNow(Milestone Agreed, LocalDate Due, ImmutableArray<(long Change, MilestoneMove Move)> MovedBy)
{
    /// <summary>The delay against the agreement, in days (negative: earlier).</summary>
    public int DelayDays => Period.DaysBetween(Agreed.Due, Due);
}

/// <summary>A change and the client's latest answer to it (a confirmation or a correction), if any.</summary>
/// <param name="Change">The change.</param>
/// <param name="Answer">The latest confirmation or correction.</param>
public sealed record ChangeNow(ChangeEntry Change, ChangeEntry? Answer)
{
    /// <summary>Whether the client has confirmed it (and not corrected it since).</summary>
    public bool Confirmed => Answer?.Kind == ChangeEntryKind.Confirmed;

    /// <summary>Whether the client has corrected it (and not confirmed it since).</summary>
    public bool Corrected => Answer?.Kind == ChangeEntryKind.Corrected;
}

/// <summary>
/// A client's plan as the change log leaves it: milestone dates move only through changes, each delay linked to the
/// change that caused it.
/// </summary>
public static class ClientPlan
{
    /// <summary>The client's milestones now: the agreement's dates with the moves of the log's changes applied in order.</summary>
    public static ImmutableArray<MilestoneNow> Milestones(Client client, IEnumerable<ChangeEntry> log)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(log);
        ChangeEntry[] changes = [.. log.Where(e => e.ClientId == client.Id && e.Kind == ChangeEntryKind.Change).OrderBy(e => e.Sequence)];
        return [.. client.Milestones.Select(m =>
        {
            var moves = changes.SelectMany(c => c.Moves.Where(x => x.Milestone == m.Name).Select(x => (c.Sequence, x))).ToImmutableArray();
            return new MilestoneNow(m, moves.IsEmpty ? m.Due : moves[^1].x.To, moves);
        })];
    }

    /// <summary>The client's changes, oldest first, each with the client's latest answer.</summary>
    public static ImmutableArray<ChangeNow> Changes(string clientId, IEnumerable<ChangeEntry> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        ChangeEntry[] mine = [.. log.Where(e => e.ClientId == clientId).OrderBy(e => e.Sequence)];
        return [.. mine.Where(e => e.Kind == ChangeEntryKind.Change)
            .Select(c => new ChangeNow(c, mine.LastOrDefault(a => a.Refers == c.Sequence && a.Kind != ChangeEntryKind.Change)))];
    }

    /// <summary>
    /// The moves a new change makes: each named milestone from its date now to the new one. Null with the reason when
    /// a milestone is not the client's or a date does not move.
    /// </summary>
    public static (ImmutableArray<MilestoneMove> Moves, string? Problem) Moves(Client client, IEnumerable<ChangeEntry> log, IEnumerable<(string Milestone, LocalDate To)> asked)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(asked);
        ImmutableArray<MilestoneNow> now = Milestones(client, log);
        var moves = ImmutableArray.CreateBuilder<MilestoneMove>();
        foreach ((string name, LocalDate to) in asked)
        {
            if (now.FirstOrDefault(m => string.Equals(m.Agreed.Name, name, StringComparison.Ordinal)) is not { } milestone)
            {
                return ([], $"{client.Name} has no milestone \"{name}\" (theirs: {string.Join(", ", client.Milestones.Select(m => m.Name))})");
            }

            if (milestone.Due == to)
            {
                return ([], $"\"{name}\" is due {to:uuuu-MM-dd} already");
            }

            moves.Add(new MilestoneMove(name, milestone.Due, to));
        }

        return (moves.ToImmutable(), null);
    }
}
