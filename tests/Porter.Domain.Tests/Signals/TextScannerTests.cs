using System.Text;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Porter.Domain.Signals;

namespace Porter.Domain.Tests.Signals;

/// <summary>Texts stitched from the default rules' own words, broken words, punctuation and odd whitespace.</summary>
public static class TextArbitraries
{
    private static readonly TextRule OutOfScope = new(TextCue.Request, ["seo", "logo", "web design", "translate"], []);

    /// <summary>Every default rule plus an out-of-scope rule, as a decision scans them.</summary>
    public static readonly TextRule[] Rules = [.. Enum.GetValues<TextCue>().Select(c => TextRules.Default[c]), OutOfScope];

    private static readonly string[] Pieces =
    [
        .. Rules.SelectMany(r => r.Phrases).SelectMany(p => new[] { p, p.ToUpperInvariant() }.Concat(p.Split(' '))),
        .. Rules.SelectMany(r => r.PatternHints ?? []),
        "site", "checkout", "payments", "we", "the brand", "followed", "page", "where", "d", "x", "ing", "s", "é", "İ", "ß",
    ];

    private static readonly string[] Separators = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2028", ".", "!", "?", ",", "'", "’", ""];

    public static Arbitrary<string> Texts() =>
        Gen.ArrayOf(Gen.Frequency((3, Gen.Elements(Pieces)), (2, Gen.Elements(Separators)))).Select(string.Concat).ToArbitrary();
}

[Properties(Arbitrary = [typeof(TextArbitraries)], MaxTest = 500)]
public class TextScannerTests
{
    private static readonly TextScanner Scanner = new(TextArbitraries.Rules);

    /// <summary>One pass over the words finds exactly what the plain definition finds, rule by rule.</summary>
    [Property]
    public bool FirstMatches_AreWhatThePlainDefinitionFinds(string text)
    {
        var prepared = new MessageText(text);
        var found = new string?[Scanner.Count];
        Scanner.FirstMatches(prepared, found);
        return TextArbitraries.Rules.Select(r => Plain(r, prepared.Value)).SequenceEqual(found);
    }

    /// <summary>A rule searched on its own finds what it finds among the others.</summary>
    [Property]
    public bool FirstMatch_OfOneRule_IsItsScannerSlot(string text)
    {
        var prepared = new MessageText(text);
        var found = new string?[Scanner.Count];
        Scanner.FirstMatches(prepared, found);
        return TextArbitraries.Rules.Select(r => r.FirstMatch(prepared)).SequenceEqual(found);
    }

    /// <summary>Preparing text equals the plain definition: lower-cased, whitespace runs to one space, apostrophes straightened.</summary>
    [Property]
    public bool MessageText_IsLowerCasedWithWhitespaceCollapsed(string text) => new MessageText(text).Value == Reference(text);

    [Fact]
    public void FirstMatches_FindsPhrasesAndPatternsOfEveryRule()
    {
        var found = new string?[Scanner.Count];
        Scanner.FirstMatches(new MessageText("FYI: our website is DOWN and the Payments keep   failing; could you look? Also: your instagram"), found);
        Assert.Equal("website is down", found[(int)TextCue.UrgentMatter]);
        Assert.Equal("could you", found[(int)TextCue.Request]);
        Assert.Equal("fyi", found[(int)TextCue.Fyi]);
        Assert.Equal("your instagram", found[(int)TextCue.PersonalSocialContact]);
        Assert.Null(found[(int)TextCue.PlanChange]);

        Scanner.FirstMatches(new MessageText("The client changed the colours."), found);
        Assert.Null(found[(int)TextCue.Request]);
        Assert.Equal("the client changed", found[(int)TextCue.PlanChange]);
    }

    [Fact]
    public void FirstMatches_TooLittleRoom_Throws() =>
        Assert.Throws<ArgumentException>(() => Scanner.FirstMatches(new MessageText("fyi"), new string?[2]));

    /// <summary>
    /// The definition, slowly: at each place in turn, the rule's longest phrase that is there as whole words; else the
    /// first pattern match, if one of the hint words occurs as a whole word (or the rule has no hints).
    /// </summary>
    private static string? Plain(TextRule rule, string value)
    {
        for (int at = 0; at < value.Length; at++)
        {
            foreach (string phrase in rule.Phrases.OrderByDescending(p => p.Length))
            {
                if (at + phrase.Length <= value.Length && string.CompareOrdinal(value, at, phrase, 0, phrase.Length) == 0 && WholeWords(value, at, phrase.Length))
                {
                    return phrase;
                }
            }
        }

        if (rule.Patterns.IsEmpty || (rule.PatternHints is { } hints && !hints.Any(h => Regex.IsMatch(value, $@"(?<![\p{{L}}\p{{Nd}}]){Regex.Escape(h)}(?![\p{{L}}\p{{Nd}}])"))))
        {
            return null;
        }

        Match match = Regex.Match(value, string.Join('|', rule.Patterns.Select(p => $"(?:{p})")), RegexOptions.CultureInvariant);
        return match.Success ? match.Value : null;
    }

    private static bool WholeWords(string text, int start, int length)
    {
        static bool Word(char c) => char.IsLetter(c) || char.IsDigit(c);
        return (!Word(text[start]) || start == 0 || !Word(text[start - 1]))
            && (!Word(text[start + length - 1]) || start + length == text.Length || !Word(text[start + length]));
    }

    private static string Reference(string text)
    {
        var builder = new StringBuilder();
        foreach (string word in text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            builder.Append(builder.Length > 0 ? " " : "").Append(word.Replace('’', '\'').Replace('‘', '\''));
        }

        return builder.ToString();
    }
}
