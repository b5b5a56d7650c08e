using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Porter.Application.Understanding;
using Porter.Testing;
using Porter.Understanding;

namespace Porter.Benchmarks;

/// <summary>
/// What the local model costs per client message (all-MiniLM-L6-v2 on ONNX Runtime, this machine's CPU): encoding one
/// message at a time, encoding in batches of 16 (as the encoder does), and the classifier's vote over the 212 labelled
/// examples. Per message; compare with DecisionBenchmarks.DecideClientMessages (about 2 µs).
/// </summary>
[MemoryDiagnoser]
public class UnderstandingBenchmarks
{
    private const int Messages = 64;
    private MiniLmEncoder encoder = null!;
    private NearestExamples nearest = null!;
    private string[] texts = [];
    private float[][] vectors = [];

    [GlobalSetup]
    public void Setup()
    {
        encoder = new MiniLmEncoder();
        var examples = LabelledExamples.Parse(File.ReadLines(Path.Combine(RepositoryPaths.Samples, "labelled", "messages.jsonl")));
        nearest = NearestExamples.Learn(encoder, examples, CancellationToken.None);
        texts = [.. File.ReadLines(Path.Combine(RepositoryPaths.Samples, "labelled", "other-voices.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("body").GetString()!).Take(Messages)];
        vectors = [.. encoder.Encode(texts, CancellationToken.None)];
    }

    [GlobalCleanup]
    public void Cleanup() => encoder.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public int EncodeOneAtATime()
    {
        int dimensions = 0;
        foreach (string text in texts)
        {
            dimensions += encoder.Encode([text], CancellationToken.None)[0].Length;
        }

        return dimensions;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int EncodeInBatches() => encoder.Encode(texts, CancellationToken.None).Count;

    [Benchmark(OperationsPerInvoke = Messages)]
    public int Vote()
    {
        int suggested = 0;
        foreach (float[] vector in vectors)
        {
            suggested += nearest.Suggest(vector).Length;
        }

        return suggested;
    }
}
