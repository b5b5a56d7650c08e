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

    /// <summary>
    /// The local model, taught by the first labelled set and measured on the second (other voices, never used for
    /// tuning): it finds emergencies in ordinary words that the phrase rules miss.
    /// </summary>
    [Fact]
    public void Eval_WithTheModel_FindsEmergenciesInOtherVoicesThatTheRulesMiss()
    {
        string examples = Path.Combine(RepositoryPaths.Samples, "labelled", "messages.jsonl");
        string others = Path.Combine(RepositoryPaths.Samples, "labelled", "other-voices.jsonl");

        (int code, string output, string error) = CliRunner.Run("signals", "eval", "--config", Config, others, "--model", examples, "--json");

        Assert.True(code == 0, error);
        JsonElement root = JsonDocument.Parse(output).RootElement;
        double Recall(string part, string label) => root.GetProperty(part).EnumerateArray().Single(l => l.GetProperty("label").GetString() == label).GetProperty("recall").GetDouble();
        Assert.True(Recall("labels", "urgent_matter") < 0.25, "the rules were expected to miss most emergencies in other voices");
        Assert.True(Recall("model", "urgent_matter") >= 0.5, $"the model found {Recall("model", "urgent_matter"):P0} of the emergencies");
        Assert.True(Recall("rulesOrModel", "urgent_matter") > Recall("labels", "urgent_matter"));
    }
}
