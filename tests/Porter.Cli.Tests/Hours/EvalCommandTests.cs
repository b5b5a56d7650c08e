using Porter.Testing;
using System.Text.Json;
using Xunit.Abstractions;

namespace Porter.Cli.Tests.Hours;

public class EvalCommandTests(ITestOutputHelper log)
{
    /// <summary>
    /// The reference defect Porter puts right (docs/business-time.md): the reference answers in_hours from
    /// wall-clock time where the DST-resolved periods say otherwise; Porter answers from the periods.
    /// </summary>
    private const string DocumentedDefectTag = "wallclock_vs_periods_differ";

    [Fact]
    public void Eval_SampleVectors_MatchTheReferenceApartFromDocumentedDefects()
    {
        string file = Path.Combine(RepositoryPaths.Shared, "business-time", "sample.jsonl");
        Dictionary<(string, long), JsonElement> queries = File.ReadLines(file)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("type").GetString() == "query")
            .ToDictionary(e => (e.GetProperty("schedule").GetString()!, e.GetProperty("n").GetInt64()));

        (int exitCode, string output, string error) = CliRunner.Run("hours", "eval", file);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(queries.Count, lines.Length);

        var matchedByOp = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var totalByOp = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var differingByTag = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var unexpected = new List<string>();
        foreach (string line in lines)
        {
            JsonElement answer = JsonDocument.Parse(line).RootElement;
            JsonElement query = queries[(answer.GetProperty("schedule").GetString()!, answer.GetProperty("n").GetInt64())];
            string op = query.GetProperty("op").GetString() + (query.TryGetProperty("unit", out var unit) ? "/" + unit.GetString() : "");
            string[] tags = [.. query.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)];
            totalByOp[op] = totalByOp.GetValueOrDefault(op) + 1;

            bool matches = answer.TryGetProperty("result", out JsonElement result) && result.GetRawText() == query.GetProperty("expect").GetRawText();
            if (matches)
            {
                matchedByOp[op] = matchedByOp.GetValueOrDefault(op) + 1;
                if (tags.Contains(DocumentedDefectTag))
                {
                    unexpected.Add($"matches the reference defect it should put right: {line}");
                }

                continue;
            }

            foreach (string tag in tags)
            {
                differingByTag[tag] = differingByTag.GetValueOrDefault(tag) + 1;
            }

            if (!tags.Contains(DocumentedDefectTag))
            {
                unexpected.Add($"{query.GetRawText()} -> {line}");
            }
        }

        foreach ((string op, int total) in totalByOp)
        {
            log.WriteLine($"{op,-18} {matchedByOp.GetValueOrDefault(op),6} of {total,6} match the reference");
        }

        foreach ((string tag, int count) in differingByTag)
        {
            log.WriteLine($"differ, tagged {tag}: {count}");
        }

        Assert.Empty(unexpected);
        Assert.Equal(32, differingByTag.GetValueOrDefault(DocumentedDefectTag));
    }

    [Fact]
    public void Eval_BadLines_GiveErrorLinesAndTheRunGoesOn()
    {
        string file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file,
            [
                """{"type":"schedule","id":"ok","tz":"Etc/UTC","hours":{"mon":[["09:00","17:00"]]},"holidays":[],"breaks":{},"shifts":{}}""",
                """{"type":"schedule","id":"bad","tz":"Mars/Olympus","hours":{"mon":[["17:00","09:00"]]}}""",
                """this is not json""",
                """{"type":"query","schedule":"ok","n":1,"op":"add","at":"2026-11-23T16:00:00+00:00","amount":2,"unit":"hours"}""",
                """{"type":"query","schedule":"bad","n":2,"op":"in_hours","at":"2026-11-23T16:00:00+00:00"}""",
                """{"type":"query","schedule":"nope","n":3,"op":"in_hours","at":"2026-11-23T16:00:00+00:00"}""",
                """{"type":"query","schedule":"ok","n":4,"op":"add","at":"yesterday","amount":2,"unit":"hours"}""",
                """{"type":"query","schedule":"ok","n":5,"op":"add","at":"2026-11-23T16:00:00+00:00","amount":-1,"unit":"hours"}""",
                """{"type":"query","schedule":"ok","n":6,"op":"between","at":"2026-11-23T16:00:00+00:00","to":"2026-11-23T10:00:00+00:00"}""",
            ]);

            (int exitCode, string output, _) = CliRunner.Run("hours", "eval", file);

            Assert.Equal(0, exitCode);
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(8, lines.Length);
            Assert.StartsWith("""{"line":2,"error":"line 2: schedule bad is invalid: tz: unknown time zone 'Mars/Olympus'""", lines[0], StringComparison.Ordinal);
            Assert.Contains("hours.mon[0]: the start (17:00) must be before the end (09:00)", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("""{"line":3,"error":"line 3: not valid JSON""", lines[1], StringComparison.Ordinal);
            Assert.Equal("""{"schedule":"ok","n":1,"result":"2026-11-30T10:00:00Z"}""", lines[2]);
            Assert.Equal("""{"schedule":"bad","n":2,"error":"line 5: schedule bad is invalid (see its line)"}""", lines[3]);
            Assert.Equal("""{"schedule":"nope","n":3,"error":"line 6: unknown schedule 'nope' (schedules must come before their queries)"}""", lines[4]);
            Assert.Contains("""\"at\" is not an instant""", lines[5], StringComparison.Ordinal);
            Assert.Contains("amount", lines[6], StringComparison.Ordinal);
            Assert.Equal("""{"schedule":"ok","n":6,"result":0}""", lines[7]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Eval_Repeat_ReportsEvaluationsPerSecondPerGroup()
    {
        string file = Path.Combine(RepositoryPaths.Shared, "business-time", "sample.jsonl");
        (int exitCode, _, string error) = CliRunner.Run("hours", "eval", file, "--repeat", "1");
        Assert.Equal(0, exitCode);
        foreach (string group in new[] { "add/minutes", "add/hours", "add/days", "subtract/minutes", "subtract/hours", "subtract/days", "between", "in_hours" })
        {
            Assert.Matches($@"(?m)^{group}\s+\d+\s+[\d,]+$", error);
        }
    }

    [Fact]
    public void Eval_MissingFile_IsAClearError()
    {
        (int exitCode, _, string error) = CliRunner.Run("hours", "eval", "/nonexistent/vectors.jsonl");
        Assert.Equal(2, exitCode);
        Assert.StartsWith("porter: cannot read /nonexistent/vectors.jsonl", error, StringComparison.Ordinal);
    }
}
