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
/// The phrases and patterns for one <see cref="TextCue"/>, compiled into one case-insensitive regular expression.
/// Phrases match whole words (<c>fyi</c> does not match <c>fyingpan</c>); patterns are .NET regular expressions.
/// </summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class TextRule
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);
    private readonly Regex? regex;

    /// <summary>Creates a rule.</summary>
    /// <exception cref="ArgumentException">A pattern is not a valid regular expression.</exception>
    public TextRule(TextCue cue, IEnumerable<string> phrases, IEnumerable<string> patterns)
    {
        Cue = cue;
        Phrases = [.. phrases.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct(StringComparer.OrdinalIgnoreCase)];
        Patterns = [.. patterns.Where(p => !string.IsNullOrWhiteSpace(p))];
        IEnumerable<string> alternatives = Phrases
            .OrderByDescending(p => p.Length)
            .Select(p => $@"(?<![\w]){Regex.Escape(p).Replace(@"\ ", @"\s+", StringComparison.Ordinal).Replace("'", "['’]", StringComparison.Ordinal)}(?![\w])")
            .Concat(Patterns.Select(p => $"(?:{p})"));
        string joined = string.Join('|', alternatives);
        if (joined.Length > 0)
        {
            regex = new Regex(joined, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
        }
    }

    /// <summary>What the rule looks for.</summary>
    public TextCue Cue { get; }

    /// <summary>The phrases, matched as whole words, ignoring case; spaces match any whitespace.</summary>
    public ImmutableArray<string> Phrases { get; }

    /// <summary>Regular expressions, matched ignoring case.</summary>
    public ImmutableArray<string> Patterns { get; }

    /// <summary>The first text that matches, or null.</summary>
    public string? FirstMatch(string text)
    {
        if (regex is null || text.Length == 0)
        {
            return null;
        }

        try
        {
            Match match = regex.Match(text);
            return match.Success ? match.Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>This rule with more phrases and patterns, or replaced by them.</summary>
    public TextRule With(IEnumerable<string> phrases, IEnumerable<string> patterns, bool replace) =>
        replace ? new TextRule(Cue, phrases, patterns) : new TextRule(Cue, Phrases.Concat(phrases), Patterns.Concat(patterns));
}

/// <summary>The text rules for every cue: Porter's defaults, with the organisation's and a client's changes.</summary>
/// <threadsafety>Immutable; safe to share.</threadsafety>
public sealed class TextRules
{
    private readonly FrozenDictionary<TextCue, TextRule> rules;

    private TextRules(IEnumerable<TextRule> rules) => this.rules = rules.ToFrozenDictionary(r => r.Cue);

    /// <summary>Porter's default rules (docs/signals.md explains each list and how it was measured).</summary>
    public static TextRules Default { get; } = new(DefaultPhrases.All.Select(d => new TextRule(d.Cue, d.Phrases, d.Patterns)));

    /// <summary>The rule for a cue.</summary>
    public TextRule this[TextCue cue] => rules[cue];

    /// <summary>The first text that matches <paramref name="cue"/>, or null.</summary>
    public string? Match(TextCue cue, string text) => rules[cue].FirstMatch(text);

    /// <summary>These rules with changes for some cues: phrases and patterns added, or replacing the defaults.</summary>
    public TextRules With(IEnumerable<(TextCue Cue, IReadOnlyList<string> Phrases, IReadOnlyList<string> Patterns, bool Replace)> changes)
    {
        var updated = rules.ToDictionary(r => r.Key, r => r.Value);
        foreach (var (cue, phrases, patterns, replace) in changes)
        {
            updated[cue] = updated[cue].With(phrases, patterns, replace);
        }

        return new TextRules(updated.Values);
    }
}
