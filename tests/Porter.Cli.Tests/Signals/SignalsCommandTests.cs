using System.Text.Json;
using Porter.Testing;

namespace Porter.Cli.Tests.Signals;

public class SignalsCommandTests
{
    private static readonly string Config = Path.Combine(RepositoryPaths.Samples, "porter.json");

    /// <summary>
    /// The labelled set (samples/labelled, 212 messages) guards the default rules: each label keeps precision and
    /// recall of at least 90%. docs/signals.md has the figures, before and after the rules were tuned on this set.
    /// </summary>
    [Fact]
    public void Eval_LabelledSet_EveryLabelKeepsPrecisionAndRecall()
    {
        (int exitCode, string output, string error) = CliRunner.Run("signals", "eval", "-c", Config, Path.Combine(RepositoryPaths.Samples, "labelled", "messages.jsonl"), "--json");
        Assert.True(exitCode == 0, error);
        JsonElement result = JsonDocument.Parse(output).RootElement;
        Assert.True(result.GetProperty("messages").GetInt32() >= 200);
        JsonElement[] labels = [.. result.GetProperty("labels").EnumerateArray()];
        Assert.Equal(6, labels.Length);
        Assert.All(labels, l =>
        {
            Assert.True(l.GetProperty("labelled").GetInt32() >= 15, l.GetProperty("label").GetString());
            Assert.True(l.GetProperty("precision").GetDouble() >= 0.9, l.ToString());
            Assert.True(l.GetProperty("recall").GetDouble() >= 0.9, l.ToString());
        });
    }

    [Fact]
    public void Eval_Misses_ListsDisagreements()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("porter-signals").FullName, "set.jsonl");
        File.WriteAllLines(file,
        [
            """{"id":"a","channel":"email","from":"jordan@northwind.example","body":"What's your home address?","labels":["personal_info_request"]}""",
            """{"id":"b","channel":"email","from":"jordan@northwind.example","body":"Lovely weather today","labels":["plan_change"]}""",
        ]);
        (int exitCode, string output, _) = CliRunner.Run("signals", "eval", "-c", Config, file, "--misses");
        Assert.Equal(0, exitCode);
        Assert.Contains("#b missed plan_change: Lovely weather today", output, StringComparison.Ordinal);
        Assert.DoesNotContain("#a", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_BadLine_NamesTheLine()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("porter-signals").FullName, "set.jsonl");
        File.WriteAllLines(file, ["""{"id":"a","body":"no sender"}"""]);
        (int exitCode, _, string error) = CliRunner.Run("signals", "eval", "-c", Config, file);
        Assert.Equal(2, exitCode);
        Assert.StartsWith($"porter: {file}:1: not a labelled message", error, StringComparison.Ordinal);
    }
}
