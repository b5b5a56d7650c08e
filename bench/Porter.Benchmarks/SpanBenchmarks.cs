using BenchmarkDotNet.Attributes;
using NodaTime;
using Porter.Domain.Scheduling;

namespace Porter.Benchmarks;

/// <summary>
/// Cost against span: adding one business hour versus 1,000 business days (and 8,000 business hours), and the
/// business time between instants a day and ten years apart, on a London schedule with lunch and holidays.
/// The ratios, not the absolute times, are what the index promises: cost must not grow with the span.
/// </summary>
[MemoryDiagnoser]
public class SpanBenchmarks
{
    private readonly BusinessCalendar calendar = Create();
    private readonly Instant start = Instant.FromUtc(2026, 11, 23, 10, 15);

    [GlobalSetup]
    public void Warm()
    {
        // Build the index over the whole span once, as a running service would have.
        _ = calendar.PlusBusinessDays(start, 1000);
        _ = calendar.PlusBusinessTime(start, Duration.FromHours(8000));
        _ = calendar.BusinessTimeBetween(start, start + Duration.FromDays(3653));
    }

    [Benchmark(Baseline = true)]
    public Instant AddOneHour() => calendar.PlusBusinessTime(start, Duration.FromHours(1));

    [Benchmark]
    public Instant AddEightThousandHours() => calendar.PlusBusinessTime(start, Duration.FromHours(8000));

    [Benchmark]
    public Instant AddOneDay() => calendar.PlusBusinessDays(start, 1);

    [Benchmark]
    public Instant AddThousandDays() => calendar.PlusBusinessDays(start, 1000);

    [Benchmark]
    public Duration BetweenOneDay() => calendar.BusinessTimeBetween(start, start + Duration.FromDays(1));

    [Benchmark]
    public Duration BetweenTenYears() => calendar.BusinessTimeBetween(start, start + Duration.FromDays(3653));

    [Benchmark]
    public bool IsOpen() => calendar.IsOpen(start);

    private static BusinessCalendar Create()
    {
        var builder = new AvailabilityBuilder(DateTimeZoneProviders.Tzdb);
        builder.SetTimeZone("Europe/London", "timeZone");
        foreach (IsoDayOfWeek day in new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday })
        {
            builder.AddWeekly(day, new LocalTime(9, 0), new LocalTime(12, 30), "weekly");
            builder.AddWeekly(day, new LocalTime(13, 30), new LocalTime(17, 30), "weekly");
        }

        for (int year = 2026; year <= 2040; year++)
        {
            builder.AddHoliday(new LocalDate(year, 1, 1), "New Year");
            builder.AddHoliday(new LocalDate(year, 12, 25), "Christmas Day");
            builder.AddHoliday(new LocalDate(year, 12, 26), "Boxing Day");
        }

        return builder.TryBuild(out Availability? availability) ? new BusinessCalendar(availability) : throw new InvalidOperationException();
    }
}
