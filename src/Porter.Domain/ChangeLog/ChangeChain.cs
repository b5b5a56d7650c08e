using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime.Text;

namespace Porter.Domain.ChangeLog;

/// <summary>How an entry of the chain was tampered with.</summary>
public enum Tampering
{
    /// <summary>Its content no longer matches its hash, or it was sealed again after a change (the next entry still links to its old hash).</summary>
    Edited,

    /// <summary>It is missing: the entry after it follows the one before it.</summary>
    Deleted,

    /// <summary>It stands in another place than its sequence says.</summary>
    Reordered,

    /// <summary>An entry the chain never had: a second entry of the same sequence, or one that links to nothing before it.</summary>
    Inserted,
}

/// <summary>The first thing wrong with a chain: which entry, how, in words.</summary>
/// <param name="Sequence">The entry.</param>
/// <param name="How">Edited, deleted, reordered or inserted.</param>
/// <param name="Description">What was found, naming the entries.</param>
public sealed record ChainProblem(long Sequence, Tampering How, string Description);

/// <summary>
/// Seals change-log entries into one hash chain per organisation: each entry's SHA-256 covers its fields and the hash
/// of the entry before it, so an entry edited, deleted, moved or slipped in afterwards breaks the chain where it
/// happened (<see cref="Verify"/>). What the chain cannot show by itself is a whole chain rewritten from some entry
/// on; the hashes the client receives by email (receipts) show that.
/// </summary>
public static class ChangeChain
{
    /// <summary>The "hash before" the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The entry sealed after the entry whose hash is <paramref name="previous"/>.</summary>
    public static SealedEntry Seal(string previous, ChangeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(entry);
        return new SealedEntry(entry, previous, Hash(previous, entry));
    }

    /// <summary>The hash of <paramref name="entry"/> after <paramref name="previous"/>: SHA-256, lower-case hex, over a canonical text of every field.</summary>
    public static string Hash(string previous, ChangeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder("porter-change-log-v1");
        void Field(string? value) => text.Append('|').Append(value is null ? "-" : string.Create(CultureInfo.InvariantCulture, $"{value.Length}:{value}"));
        Field(previous);
        Field(entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(entry.ClientId);
        Field(entry.Kind.ToString());
        Field(entry.Refers?.ToString(CultureInfo.InvariantCulture));
        Field(entry.What);
        Field(entry.AskedBy);
        Field(InstantPattern.ExtendedIso.Format(entry.AskedAt));
        Field(entry.RecordedBy);
        Field(InstantPattern.ExtendedIso.Format(entry.RecordedAt));
        Field(entry.Moves.Length.ToString(CultureInfo.InvariantCulture));
        foreach (MilestoneMove move in entry.Moves)
        {
            Field(move.Milestone);
            Field(LocalDatePattern.Iso.Format(move.From));
            Field(LocalDatePattern.Iso.Format(move.To));
        }

        Field(entry.MessageId?.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Checks a chain as it is kept, in the order it was written (the store's insertion order): the first entry edited,
    /// deleted, reordered or inserted, or null when every entry is whole and in place.
    /// </summary>
    public static ChainProblem? Verify(IReadOnlyList<SealedEntry> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        string previous = Genesis;
        long expected = 1;
        for (int i = 0; i < stored.Count; i++)
        {
            SealedEntry row = stored[i];
            long sequence = row.Entry.Sequence;
            if (sequence < expected)
            {
                bool seen = stored.Take(i).Any(r => r.Entry.Sequence == sequence);
                return seen
                    ? new ChainProblem(sequence, Tampering.Inserted, $"entry {sequence} was inserted: a second entry {sequence} stands after entry {expected - 1}")
                    : new ChainProblem(sequence, Tampering.Reordered, $"entry {sequence} was reordered: it stands after entry {expected - 1}");
            }

            if (sequence > expected)
            {
                bool later = stored.Skip(i + 1).Any(r => r.Entry.Sequence == expected);
                return later
                    ? new ChainProblem(expected, Tampering.Reordered, $"entry {expected} was reordered: entry {sequence} stands before it")
                    : new ChainProblem(expected, Tampering.Deleted, expected == 1 ? $"entry 1 was deleted: the chain starts at entry {sequence}" : $"entry {expected} was deleted: entry {sequence} follows entry {expected - 1}");
            }

            if (!string.Equals(Hash(row.Previous, row.Entry), row.Hash, StringComparison.Ordinal))
            {
                return new ChainProblem(sequence, Tampering.Edited, $"entry {sequence} was edited: its content no longer matches its hash");
            }

            if (!string.Equals(row.Previous, previous, StringComparison.Ordinal))
            {
                return sequence == 1
                    ? new ChainProblem(1, Tampering.Inserted, "entry 1 was inserted: it does not start the chain")
                    : new ChainProblem(sequence - 1, Tampering.Edited, $"entry {sequence - 1} was edited and sealed again: entry {sequence} still links to its earlier hash");
            }

            previous = row.Hash;
            expected++;
        }

        return null;
    }
}
