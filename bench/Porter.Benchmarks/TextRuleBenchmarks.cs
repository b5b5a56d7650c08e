using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Porter.Domain.Signals;
using Porter.Testing;

namespace Porter.Benchmarks;

/// <summary>The cost of each default text rule over the 212 labelled messages; the time is per message.</summary>
[MemoryDiagnoser]
public class TextRuleBenchmarks
{
    private MessageText[] texts = [];

    [Params(TextCue.UrgentMatter, TextCue.Request, TextCue.Fyi, TextCue.PlanChange, TextCue.PersonalInfoRequest, TextCue.PersonalSocialContact)]
    public TextCue Cue { get; set; }

    [GlobalSetup]
    public void Setup() => texts = [.. File.ReadLines(Path.Combine(RepositoryPaths.Samples, "labelled", "messages.jsonl"))
        .Select(l => new MessageText(JsonDocument.Parse(l).RootElement.GetProperty("body").GetString()!))];

    [Benchmark(OperationsPerInvoke = 212)]
    public int Match()
    {
        int found = 0;
        foreach (MessageText text in texts)
        {
            found += TextRules.Default.Match(Cue, text) is null ? 0 : 1;
        }

        return found;
    }
}
