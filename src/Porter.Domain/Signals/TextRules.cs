using System.Buffers;
using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace Porter.Domain.Signals;

/// <summary>What a rule looks for in the words of a message.</summary>
public enum TextCue
{
    /// <summary>Something that truly cannot wait for the next working window (a site down, an account hacked now).</summary>
    UrgentMatter,

    /// <summary>The client's own marking of urgency ("URGENT", "ASAP"): raises priority, is not by itself urgent.</summary>
    MarkedUrgent,

    /// <summary>The message asks for something.</summary>
    Request,

    /// <summary>News or sharing ("FYI", "thought you'd like to know").</summary>
    Fyi,

    /// <summary>A change to the agreed plan or a milestone.</summary>
    PlanChange,

    /// <summary>A request for personal information (home address, family, personal phone).</summary>
    PersonalInfoRequest,

    /// <summary>A friend or follow request on a personal network, or mention of one.</summary>
    PersonalSocialContact,
}

/// <summary>
/// A message's text prepared once for every rule: lower-cased (invariant culture), runs of whitespace become one space
/// and typographic apostrophes become <c>'</c>, so phrases are plain literals and patterns need no case folding.
/// </summary>
public readonly struct MessageText
{
    /// <summary>Prepares <paramref name="text"/>.</summary>
    public MessageText(string text) => Value = Normalise(text ?? "");

    /// <summary>The prepared text.</summary>
    public string Value { get; }

    internal static string Normalise(string text)
    {
        if (text.Length == 0)
        {
            return "";
        }

        char[] buffer = ArrayPool<char>.Shared.Rent(text.Length);

        // Lower-casing a span is vectorised for ASCII; then one pass collapses whitespace and straightens apostrophes,
        // testing the common characters (printable ASCII) with one comparison.
        int length = text.AsSpan().ToLowerInvariant(buffer);
        int written = 0;
        bool space = false;
        for (int i = 0; i < length; i++)
        {
            char c = buffer[i];
            if (c is > ' ' and < '\u0085')
            {
                // Printable ASCII and the C1 controls before NEL: kept as they are.
            }
            else if (c == ' ' || char.IsWhiteSpace(c))
            {
                space = written > 0;
                continue;
            }
            else if (c is '’' or '‘')
            {
                c = '\'';
            }

            if (space)
            {
                buffer[written++] = ' ';
                space = false;
            }

            buffer[written++] = c;
        }

        string prepared = new(buffer, 0, written);
        ArrayPool<char>.Shared.Return(buffer);
        return prepared;
    }
}

/// <summary>
/// The phrases and patterns for one <see cref="TextCue"/>. Phrases match whole words, ignoring case (<c>fyi</c> does
/// not match <c>fyingpan</c>), found by walking the words of the text (see <see cref="TextScanner"/>); patterns are
/// .NET regular expressions, matched ignoring case.
/// </summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class TextRule
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    // The text is lower-cased already; IgnoreCase stays only for patterns written with capitals.
    private static readonly RegexOptions Options = RegexOptions.CultureInvariant;
    private readonly Regex? patterns;
    private TextScanner? alone;

    /// <summary>Creates a rule.</summary>
    /// <param name="cue">What the rule looks for.</param>
    /// <param name="phrases">Phrases, matched as whole words.</param>
    /// <param name="patterns">Regular expressions.</param>
    /// <param name="patternHints">
    /// Words (letters and digits, lower case) at least one of which every pattern needs, as a whole word, in order to
    /// match; text with none of them skips the patterns. Null when unknown (a user's patterns), and then the patterns
    /// always run.
    /// </param>
    /// <exception cref="ArgumentException">A pattern is not a valid regular expression, or a hint is not one word.</exception>
    public TextRule(TextCue cue, IEnumerable<string> phrases, IEnumerable<string> patterns, IReadOnlyList<string>? patternHints = null)
    {
        Cue = cue;
        Phrases = [.. phrases.Select(p => MessageText.Normalise(p ?? "")).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)];
        Patterns = [.. patterns.Where(p => !string.IsNullOrWhiteSpace(p))];
        if (patternHints?.FirstOrDefault(h => h is null || h.Length == 0 || TextScanner.FirstWord(h) != h || h.Any(char.IsUpper)) is { } notAWord)
        {
            throw new ArgumentException($"The pattern hint \"{notAWord}\" is not one lower-case word.", nameof(patternHints));
        }

        PatternHints = patternHints is null || patternHints.Count == 0 ? null : [.. patternHints];
        if (Patterns.Length > 0)
        {
            string joined = string.Join('|', Patterns.Select(p => $"(?:{p})"));
            this.patterns = CompilePatterns(joined.Any(char.IsUpper) ? $"(?i:{joined})" : joined);
        }
    }

    /// <summary>What the rule looks for.</summary>
    public TextCue Cue { get; }

    /// <summary>The phrases, matched as whole words, ignoring case; a space matches any run of whitespace.</summary>
    public ImmutableArray<string> Phrases { get; }

    /// <summary>Regular expressions, matched ignoring case.</summary>
    public ImmutableArray<string> Patterns { get; }

    /// <summary>Words every pattern needs (see the constructor), or null when unknown.</summary>
    public ImmutableArray<string>? PatternHints { get; }

    /// <summary>The first text that matches, or null.</summary>
    public string? FirstMatch(string text) => FirstMatch(new MessageText(text));

    /// <summary>The first text that matches (a phrase before a pattern), or null.</summary>
    public string? FirstMatch(MessageText text)
    {
        // A benign race: two threads may each build the same scanner.
        alone ??= new TextScanner([this]);
        Span<string?> match = [null];
        alone.FirstMatches(text, match);
        return match[0];
    }

    /// <summary>Whether the rule has patterns.</summary>
    internal bool HasPatterns => patterns is not null;

    /// <summary>
    /// The first pattern match in prepared text, or null; skipped when the rule knows its hint words and
    /// <paramref name="hintsSeen"/> says none occur.
    /// </summary>
    internal string? PatternMatch(string value, bool hintsSeen)
    {
        if (patterns is null || (PatternHints is not null && Patterns.Length > 0 && !hintsSeen))
        {
            return null;
        }

        try
        {
            Match match = patterns.Match(value);
            return match.Success ? match.Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>This rule with more phrases and patterns, or replaced by them.</summary>
    public TextRule With(IEnumerable<string> phrases, IEnumerable<string> patterns, bool replace)
    {
        string[] added = [.. patterns];

        // New patterns come without hints, so the rule then runs its patterns on every text.
        IReadOnlyList<string>? hints = added.Length == 0 && PatternHints is { } known ? [.. known] : null;
        return replace
            ? new TextRule(Cue, phrases, added)
            : new TextRule(Cue, Phrases.Concat(phrases), Patterns.Concat(added), hints);
    }

    /// <summary>
    /// The non-backtracking engine scans in linear time, safe from catastrophic backtracking in a user's pattern, and
    /// is as fast as the compiled engine on these short texts; patterns it cannot run (look-arounds, back-references)
    /// fall back to the compiled backtracking engine.
    /// </summary>
    private static Regex CompilePatterns(string pattern)
    {
        try
        {
            return new Regex(pattern, Options | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            return new Regex(pattern, Options | RegexOptions.Compiled, MatchTimeout);
        }
    }

    internal static bool IsWholeWord(string text, int start, int length)
    {
        bool startsWord = char.IsLetterOrDigit(text[start]);
        bool endsWord = char.IsLetterOrDigit(text[start + length - 1]);
        bool before = !startsWord || start == 0 || !char.IsLetterOrDigit(text[start - 1]);
        bool after = !endsWord || start + length == text.Length || !char.IsLetterOrDigit(text[start + length]);
        return before && after;
    }
}

/// <summary>A change to one cue's rule: phrases and patterns to add, or to use instead of the defaults.</summary>
/// <param name="Cue">The cue.</param>
/// <param name="Phrases">Phrases to add (or to use, with <paramref name="Replace"/>).</param>
/// <param name="Patterns">Patterns to add (or to use).</param>
/// <param name="Replace">Whether they replace the rule instead of extending it.</param>
public sealed record TextRuleChange(TextCue Cue, IReadOnlyList<string> Phrases, IReadOnlyList<string> Patterns, bool Replace);

/// <summary>The text rules for every cue: Porter's defaults, with the organisation's and a client's changes.</summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class TextRules
{
    private readonly FrozenDictionary<TextCue, TextRule> rules;

    private TextRules(IEnumerable<TextRule> rules) => this.rules = rules.ToFrozenDictionary(r => r.Cue);

    /// <summary>Porter's default rules (docs/signals.md explains each list and how it was measured).</summary>
    public static TextRules Default { get; } = new(DefaultPhrases.All.Select(d => new TextRule(d.Cue, d.Phrases, d.Patterns, d.PatternHints)));

    /// <summary>The rule for a cue.</summary>
    public TextRule this[TextCue cue] => rules[cue];

    /// <summary>The first text that matches <paramref name="cue"/>, or null.</summary>
    public string? Match(TextCue cue, string text) => rules[cue].FirstMatch(text);

    /// <summary>The first text that matches <paramref name="cue"/> in prepared text, or null.</summary>
    public string? Match(TextCue cue, MessageText text) => rules[cue].FirstMatch(text);

    /// <summary>
    /// A scanner over the body-and-subject cues (every cue but <see cref="TextCue.MarkedUrgent"/>, which reads the
    /// subject alone), slot <c>(int)cue</c> each, with <paramref name="outOfScope"/> in slot <see cref="OutOfScopeSlot"/>.
    /// </summary>
    internal TextScanner Scanner(TextRule? outOfScope)
    {
        var slots = new TextRule[OutOfScopeSlot + 1];
        foreach (TextCue cue in Enum.GetValues<TextCue>())
        {
            slots[(int)cue] = cue == TextCue.MarkedUrgent ? new TextRule(cue, [], []) : rules[cue];
        }

        slots[OutOfScopeSlot] = outOfScope ?? new TextRule(TextCue.Request, [], []);
        return new TextScanner(slots);
    }

    /// <summary>The scanner slot of the out-of-scope rule.</summary>
    internal const int OutOfScopeSlot = 7;

    /// <summary>These rules with changes for some cues: phrases and patterns added, or replacing the defaults.</summary>
    public TextRules With(IEnumerable<TextRuleChange> changes)
    {
        var updated = rules.ToDictionary(r => r.Key, r => r.Value);
        foreach ((TextCue cue, IReadOnlyList<string> phrases, IReadOnlyList<string> patterns, bool replace) in changes)
        {
            updated[cue] = updated[cue].With(phrases, patterns, replace);
        }

        return new TextRules(updated.Values);
    }
}
