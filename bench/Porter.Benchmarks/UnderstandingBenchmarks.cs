using System.Collections.Immutable;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Porter.Application.Messages;
using Porter.Application.Understanding;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Domain.Messages;
using Porter.Testing;
using Porter.Understanding;

namespace Porter.Benchmarks;

/// <summary>
/// What a decision costs with the local model on (all-MiniLM-L6-v2 on ONNX Runtime, this machine's CPU), per client
/// message: the 64 first messages of samples/labelled/other-voices.jsonl, each decided whole (which professional,
/// the phrase rules, the model's reading over the 212 labelled examples, the decision) as porter serve decides them,
/// one message per call. The weights as shipped (32-bit) against 8-bit (<see cref="WeightQuantizer"/>), one caller at a
/// time and two at once (porter serve decides concurrent requests concurrently); and the parts: encoding in batches
/// (learning the examples, porter signals eval) and the vote. Compare with DecisionBenchmarks (about 2 µs without the model).
/// </summary>
[MemoryDiagnoser]
public class UnderstandingBenchmarks
{
    private const int Messages = 64;
    private static readonly Instant AfterHours = Instant.FromUtc(2026, 11, 24, 23, 10);
    private MiniLmEncoder asShipped = null!;
    private MiniLmEncoder quantized = null!;
    private TextUnderstanding asShippedReading = null!;
    private TextUnderstanding quantizedReading = null!;
    private NearestExamples nearest = null!;
    private Organisation organisation = null!;
    private IncomingMessage[] messages = [];
    private string[] texts = [];
    private float[][] vectors = [];

    [GlobalSetup]
    public void Setup()
    {
        organisation = ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "porter.json"), DateTimeZoneProviders.Tzdb).ToOrganisation();
        var examples = LabelledExamples.Parse(File.ReadLines(Path.Combine(RepositoryPaths.Samples, "labelled", "messages.jsonl")));
        asShipped = new MiniLmEncoder(ModelPrecision.AsShipped);
        quantized = new MiniLmEncoder(ModelPrecision.Quantized);
        asShippedReading = new TextUnderstanding(asShipped, NearestExamples.Learn(asShipped, examples, CancellationToken.None));
        nearest = NearestExamples.Learn(quantized, examples, CancellationToken.None);
        quantizedReading = new TextUnderstanding(quantized, nearest);
        messages = [.. File.ReadLines(Path.Combine(RepositoryPaths.Samples, "labelled", "other-voices.jsonl")).Take(Messages).Select(line =>
        {
            JsonElement row = JsonDocument.Parse(line).RootElement;
            return new IncomingMessage(row.GetProperty("channel").GetString()!, row.GetProperty("from").GetString()!, ["sam@riverastudio.example"], AfterHours,
                row.GetProperty("subject").GetString()!, row.GetProperty("body").GetString()!, ImmutableArray<MessageHeader>.Empty);
        })];
        texts = [.. messages.Select(m => m.Text)];
        vectors = [.. quantized.Encode(texts, CancellationToken.None)];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        asShipped.Dispose();
        quantized.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public int DecideAsShipped() => DecideAll(asShippedReading, callers: 1);

    [Benchmark(OperationsPerInvoke = Messages)]
    public int DecideQuantized() => DecideAll(quantizedReading, callers: 1);

    [Benchmark(OperationsPerInvoke = Messages)]
    public int DecideQuantizedTwoAtOnce() => DecideAll(quantizedReading, callers: 2);

    [Benchmark(OperationsPerInvoke = Messages)]
    public int EncodeQuantizedInBatches() => quantized.Encode(texts, CancellationToken.None).Count;

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

    private int DecideAll(TextUnderstanding reading, int callers)
    {
        int held = 0;
        Parallel.ForEach(messages, new ParallelOptions { MaxDegreeOfParallelism = callers }, message =>
        {
            var decided = Intake.DecideFor(organisation, null, message, AfterHours, null, (m, professional) => reading.Read(m, professional));
            if (decided.Decision.Kind == Porter.Domain.Decisions.DecisionKind.Hold)
            {
                Interlocked.Increment(ref held);
            }
        });
        return held;
    }
}
