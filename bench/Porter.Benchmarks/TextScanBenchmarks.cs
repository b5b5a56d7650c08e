using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Porter.Domain.Signals;
using Porter.Testing;

namespace Porter.Benchmarks;

/// <summary>
/// Reading the words of the 212 labelled messages (subject and body), per message: preparing the text; every default
/// rule searched on its own, one after another, against all of them in one pass; and, for the phrases alone, the
/// word walk of <see cref="TextScanner"/> against a vectorised multi-string search (<see cref="SearchValues{T}"/>)
/// over the same phrases, the first design tried.
/// </summary>
[MemoryDiagnoser]
public class TextScanBenchmarks
{
    private static readonly TextRule[] Rules = [.. Enum.GetValues<TextCue>().Select(c => TextRules.Default[c])];
    private static readonly TextRule[] PhraseRules = [.. Rules.Select(r => new TextRule(r.Cue, r.Phrases, []))];
    private readonly TextScanner scanner = new(Rules);
    private readonly TextScanner phraseScanner = new(PhraseRules);
    private readonly SearchValues<string> anyPhrase = SearchValues.Create([.. PhraseRules.SelectMany(r => r.Phrases).Distinct()], StringComparison.Ordinal);
    private readonly Dictionary<char, (string Phrase, int Rule)[]> phrasesByFirstChar = PhraseRules.SelectMany((r, i) => r.Phrases.Select(p => (p, i)))
        .OrderByDescending(p => p.p.Length).GroupBy(p => p.p[0]).ToDictionary(g => g.Key, g => g.ToArray());
    private readonly string?[] found = new string?[Rules.Length];
    private string[] raw = [];
    private MessageText[] texts = [];

    [GlobalSetup]
    public void Setup()
    {
        raw = [.. File.ReadLines(Path.Combine(RepositoryPaths.Samples, "labelled", "messages.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => r.GetProperty("subject").GetString() + "\n" + r.GetProperty("body").GetString())];
        texts = [.. raw.Select(t => new MessageText(t))];
    }

    [Benchmark(OperationsPerInvoke = 212)]
    public int PrepareText()
    {
        int length = 0;
        foreach (string text in raw)
        {
            length += new MessageText(text).Value.Length;
        }

        return length;
    }

    [Benchmark(OperationsPerInvoke = 212)]
    public int EachRuleInTurn()
    {
        int matched = 0;
        foreach (MessageText text in texts)
        {
            foreach (TextRule rule in Rules)
            {
                matched += rule.FirstMatch(text) is null ? 0 : 1;
            }
        }

        return matched;
    }

    [Benchmark(OperationsPerInvoke = 212)]
    public int AllRulesInOnePass()
    {
        int matched = 0;
        foreach (MessageText text in texts)
        {
            scanner.FirstMatches(text, found);
            foreach (string? match in found)
            {
                matched += match is null ? 0 : 1;
            }
        }

        return matched;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 212)]
    public int PhrasesBySearchValues()
    {
        int matched = 0;
        foreach (MessageText text in texts)
        {
            Array.Clear(found);
            string value = text.Value;
            for (int from = 0, at; from < value.Length && (at = value.AsSpan(from).IndexOfAny(anyPhrase)) >= 0; from += at + 1)
            {
                foreach ((string phrase, int rule) in phrasesByFirstChar[value[from + at]])
                {
                    if (found[rule] is null && value.AsSpan(from + at).StartsWith(phrase, StringComparison.Ordinal) && WholeWord(value, from + at, phrase.Length))
                    {
                        found[rule] = phrase;
                        matched++;
                    }
                }
            }
        }

        return matched;
    }

    [Benchmark(OperationsPerInvoke = 212)]
    public int PhrasesByWordWalk()
    {
        int matched = 0;
        foreach (MessageText text in texts)
        {
            phraseScanner.FirstMatches(text, found);
            foreach (string? match in found)
            {
                matched += match is null ? 0 : 1;
            }
        }

        return matched;
    }

    private static bool WholeWord(string text, int start, int length) =>
        (!char.IsLetterOrDigit(text[start]) || start == 0 || !char.IsLetterOrDigit(text[start - 1]))
        && (!char.IsLetterOrDigit(text[start + length - 1]) || start + length == text.Length || !char.IsLetterOrDigit(text[start + length]));
}
