using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NodaTime;

namespace Porter.Cli.Hours;

/// <summary><c>porter hours eval FILE [--repeat N]</c>: answers a business-time vector file, one JSON line per query.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE")
        {
            Description = "A vector file: JSON Lines of schedules and queries (docs/business-time.md); - reads standard input.",
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "Also evaluate every query N more times after warming up (at least one pass, at least half a second) and print evaluations per second per group to standard error.",
            DefaultValueFactory = _ => 0,
        };
        repeat.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--repeat must be 0 or more.");
            }
        });

        var command = new Command("eval", "Answer the queries of a business-time vector file, one JSON line per query, in input order.")
        {
            file,
            repeat,
        };
        command.SetAction(parseResult =>
        {
            TextWriter output = parseResult.InvocationConfiguration.Output;
            TextWriter error = parseResult.InvocationConfiguration.Error;
            string path = parseResult.GetValue(file)!;
            BusinessTimeVectors vectors;
            try
            {
                using TextReader reader = path == "-" ? new StreamReader(Console.OpenStandardInput()) : new StreamReader(path);
                vectors = BusinessTimeVectors.Read(reader, DateTimeZoneProviders.Tzdb);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"porter: cannot read {path}: {e.Message}");
                return 2;
            }

            foreach (VectorOutput line in vectors.AnswerAll())
            {
                output.WriteLine(line.ToJson());
            }

            output.Flush();
            int times = parseResult.GetValue(repeat);
            if (times > 0)
            {
                Measure(vectors.Queries, times, error);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Times each group of queries over <paramref name="times"/> passes, after a warm-up pass.</summary>
    private static void Measure(List<VectorQuery> queries, int times, TextWriter error)
    {
        var answerable = queries.Where(IsAnswerable).ToList();
        long checksum = 0;

        // Warm up for at least half a second, so that the JIT has optimised the code being measured.
        long warmUp = Stopwatch.GetTimestamp();
        do
        {
            foreach (VectorQuery q in answerable)
            {
                checksum = unchecked(checksum + Fold(BusinessTimeVectors.Answer(q)));
            }
        }
        while (Stopwatch.GetElapsedTime(warmUp).TotalSeconds < 0.5);

        error.WriteLine($"{"group",-18}{"queries",9}{"evaluations/s",16}");
        foreach (var group in answerable.GroupBy(q => q.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            VectorQuery[] items = [.. group];
            long start = Stopwatch.GetTimestamp();
            for (int r = 0; r < times; r++)
            {
                foreach (VectorQuery q in items)
                {
                    checksum = unchecked(checksum + Fold(BusinessTimeVectors.Answer(q)));
                }
            }

            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            double rate = (double)items.Length * times / seconds;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group.Key,-18}{items.Length,9}{rate,16:N0}"));
        }

        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(checksum {checksum})"));
    }

    private static bool IsAnswerable(VectorQuery q)
    {
        try
        {
            BusinessTimeVectors.Answer(q);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private static long Fold(VectorAnswer a) => a.Instant.ToUnixTimeTicks() ^ a.Seconds ^ (a.Flag ? 1 : 0);
}
