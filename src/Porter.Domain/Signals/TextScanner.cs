using System.Collections.Frozen;

namespace Porter.Domain.Signals;

/// <summary>
/// Several <see cref="TextRule"/>s searched together in one pass over the words of a text. A phrase that begins with a
/// letter or digit can only match, as a whole word, where a word of the text begins and equals the phrase's first word;
/// so the scan walks the words, looks each one up once in a table of first words, and checks the few phrases found
/// there. Phrases that begin with another character (<c>?</c>, <c>!!</c>) are looked up by that character. The same
/// walk notes the rules whose pattern hint words occur, and a rule's patterns run only if it found no phrase and its
/// hints occur (or it has none).
/// </summary>
/// <remarks>
/// A vectorised multi-string search (<see cref="System.Buffers.SearchValues{T}"/>) was measured first: with a few
/// hundred phrases it falls back to Aho-Corasick or to Teddy buckets with many false positives, about twice as slow on
/// the labelled messages than this walk (docs/performance.md).
/// </remarks>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class TextScanner
{
    private readonly TextRule[] rules;
    private readonly FrozenDictionary<string, Entry[]>.AlternateLookup<ReadOnlySpan<char>> byFirstWord;
    private readonly FrozenDictionary<char, Entry[]> bySymbol;

    /// <summary>Prepares the rules for searching together.</summary>
    /// <param name="rules">The rules; results come back in this order.</param>
    public TextScanner(IReadOnlyList<TextRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        this.rules = [.. rules];
        var words = new List<(string Key, Entry Entry)>();
        var symbols = new List<(char Key, Entry Entry)>();
        for (int i = 0; i < this.rules.Length; i++)
        {
            TextRule rule = this.rules[i];
            foreach (string phrase in rule.Phrases)
            {
                string first = FirstWord(phrase);
                if (first.Length > 0)
                {
                    words.Add((first, new Entry(phrase, i, Hint: false)));
                }
                else
                {
                    symbols.Add((phrase[0], new Entry(phrase, i, Hint: false)));
                }
            }

            if (rule.HasPatterns && rule.PatternHints is { Length: > 0 } hints)
            {
                words.AddRange(hints.Select(h => (h, new Entry(h, i, Hint: true))));
            }
        }

        // Longest first, so the first phrase of a rule that matches at a place is its longest there.
        byFirstWord = words.OrderByDescending(w => w.Entry.Text.Length)
            .GroupBy(w => w.Key, w => w.Entry, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        bySymbol = symbols.OrderByDescending(s => s.Entry.Text.Length)
            .GroupBy(s => s.Key, s => s.Entry)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>How many rules are searched.</summary>
    public int Count => rules.Length;

    /// <summary>The rules, in the order their results come back.</summary>
    public IReadOnlyList<TextRule> Rules => rules;

    /// <summary>Each rule's first match in <paramref name="text"/> (a phrase before a pattern), or null.</summary>
    /// <param name="text">The prepared text.</param>
    /// <param name="matches">One slot per rule, in the order given at construction.</param>
    public void FirstMatches(MessageText text, Span<string?> matches)
    {
        if (matches.Length < rules.Length)
        {
            throw new ArgumentException($"Needs room for {rules.Length} results.", nameof(matches));
        }

        matches[..rules.Length].Clear();
        string value = text.Value ?? "";
        Span<bool> hinted = rules.Length <= 64 ? stackalloc bool[rules.Length] : new bool[rules.Length];
        hinted.Clear();
        int at = 0;
        while (at < value.Length)
        {
            if (char.IsLetterOrDigit(value[at]))
            {
                int end = at + 1;
                while (end < value.Length && char.IsLetterOrDigit(value[end]))
                {
                    end++;
                }

                if (byFirstWord.TryGetValue(value.AsSpan(at, end - at), out Entry[]? entries))
                {
                    Check(entries, value, at, matches, hinted);
                }

                at = end;
            }
            else
            {
                if (bySymbol.Count > 0 && bySymbol.TryGetValue(value[at], out Entry[]? entries))
                {
                    Check(entries, value, at, matches, hinted);
                }

                at++;
            }
        }

        for (int i = 0; i < rules.Length; i++)
        {
            if (matches[i] is null)
            {
                matches[i] = rules[i].PatternMatch(value, hinted[i]);
            }
        }
    }

    /// <summary>The leading run of letters and digits of a phrase or hint.</summary>
    internal static string FirstWord(string phrase)
    {
        int end = 0;
        while (end < phrase.Length && char.IsLetterOrDigit(phrase[end]))
        {
            end++;
        }

        return phrase[..end];
    }

    private static void Check(Entry[] entries, string value, int at, Span<string?> matches, Span<bool> hinted)
    {
        foreach (Entry entry in entries)
        {
            if (entry.Hint)
            {
                // Hints are whole words and the key is the word found: it occurs.
                hinted[entry.Rule] = true;
            }
            else if (matches[entry.Rule] is null
                && value.AsSpan(at).StartsWith(entry.Text, StringComparison.Ordinal)
                && TextRule.IsWholeWord(value, at, entry.Text.Length))
            {
                matches[entry.Rule] = value.Substring(at, entry.Text.Length);
            }
        }
    }

    private readonly record struct Entry(string Text, int Rule, bool Hint);
}
