using Porter.Testing;
using BenchmarkDotNet.Attributes;
using NodaTime;
using Porter.Cli.Hours;

namespace Porter.Benchmarks;

/// <summary>
/// The groups of `porter hours eval` (../shared/business-time/FORMAT.md): each benchmark answers every sample
/// vector of its group once per operation, so the reported time is the mean per evaluation.
/// </summary>
[MemoryDiagnoser]
public class BusinessTimeVectorBenchmarks
{
    private VectorQuery[] addMinutes = [], addHours = [], addDays = [], subtractHours = [], subtractDays = [], between = [], inHours = [];

    [GlobalSetup]
    public void Setup()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Shared, "business-time", "sample.jsonl"));
        var vectors = BusinessTimeVectors.Read(reader, DateTimeZoneProviders.Tzdb);
        VectorQuery[] Group(string name) => [.. vectors.Queries.Where(q => q.Group == name)];
        addMinutes = Group("add/minutes");
        addHours = Group("add/hours");
        addDays = Group("add/days");
        subtractHours = Group("subtract/hours");
        subtractDays = Group("subtract/days");
        between = Group("between");
        inHours = Group("in_hours");

        // Warm every block the vectors touch, so the benchmark measures answers, not first-use index builds.
        foreach (VectorQuery q in vectors.Queries)
        {
            BusinessTimeVectors.Answer(q);
        }
    }

    [Benchmark(OperationsPerInvoke = 1147)]
    public long AddMinutes() => Run(addMinutes);

    [Benchmark(OperationsPerInvoke = 1212)]
    public long AddHours() => Run(addHours);

    [Benchmark(OperationsPerInvoke = 773)]
    public long AddDays() => Run(addDays);

    [Benchmark(OperationsPerInvoke = 1185)]
    public long SubtractHours() => Run(subtractHours);

    [Benchmark(OperationsPerInvoke = 781)]
    public long SubtractDays() => Run(subtractDays);

    [Benchmark(OperationsPerInvoke = 1572)]
    public long Between() => Run(between);

    [Benchmark(OperationsPerInvoke = 4020)]
    public long InHours() => Run(inHours);

    private static long Run(VectorQuery[] queries)
    {
        long sum = 0;
        foreach (VectorQuery q in queries)
        {
            VectorAnswer a = BusinessTimeVectors.Answer(q);
            sum = unchecked(sum + a.Instant.ToUnixTimeTicks() + a.Seconds + (a.Flag ? 1 : 0));
        }

        return sum;
    }
}
