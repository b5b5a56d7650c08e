using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Porter.Application.Signals;
using Porter.Application.Understanding;
using Porter.Cli.Hours;
using Porter.Cli.Messages;
using Porter.Cli.Output;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;
using Spectre.Console;

namespace Porter.Cli.Signals;

/// <summary><c>porter signals eval</c>: precision and recall of the signal rules on messages labelled by a person.</summary>
internal static class SignalsCommand
{
    public static Command Create()
    {
        Option<string> config = HoursOptions.Config();
        var file = new Argument<string>("FILE")
        {
            Description = "JSON Lines, one message a line: id, channel, from, subject, body and labels (urgent_matter, personal_info_request, personal_social_contact, out_of_scope, plan_change, fyi).",
        };
        var misses = new Option<bool>("--misses") { Description = "Also list every message whose flags differ from its labels." };
        var json = new Option<bool>("--json") { Description = "Print the scores as JSON." };
        var model = new Option<string?>("--model")
        {
            Description = "Also measure the local sentence-embedding model (all-MiniLM-L6-v2, inside Porter; nothing leaves the machine), taught by the labelled messages in this file (same format), alone and together with the rules. A message also in that file is left out of its own vote.",
            HelpName = "EXAMPLES",
        };
        var weights = new Option<string>("--weights")
        {
            Description = "How the model's weights are held: 8bit (as porter serve runs it; about three times as fast) or 32bit (as shipped).",
            DefaultValueFactory = _ => "8bit",
        };
        weights.AcceptOnlyFromAmong("8bit", "32bit");
        var eval = new Command("eval", "Measure the signal rules (yours, from the configuration) against labelled messages.") { config, file, misses, json, model, weights };
        eval.SetAction(parseResult =>
        {
            TextWriter error = parseResult.InvocationConfiguration.Error;
            if (HoursOptions.Load(parseResult, config) is not { } loaded || !SimulateCommand.CheckPractice(loaded, error))
            {
                return 2;
            }

            Practice practice = loaded.ToPractice();
            var evaluation = new SignalEvaluation();
            var byModel = new SignalEvaluation();
            var together = new SignalEvaluation();
            string path = parseResult.GetValue(file)!;
            string? examplesPath = parseResult.GetValue(model);
            if (examplesPath is not null && !File.Exists(examplesPath))
            {
                error.WriteLine($"porter: --model: no file at {examplesPath}");
                return 2;
            }

            using Porter.Understanding.MiniLmEncoder? encoder = examplesPath is null ? null : new Porter.Understanding.MiniLmEncoder(
                parseResult.GetValue(weights) == "32bit" ? Porter.Understanding.ModelPrecision.AsShipped : Porter.Understanding.ModelPrecision.Quantized);
            NearestExamples? nearest = encoder is null ? null : NearestExamples.Learn(encoder, ReadExamples(examplesPath!), CancellationToken.None);
            if (!File.Exists(path))
            {
                error.WriteLine($"porter: no file at {path}");
                return 2;
            }

            // Each message is decided as if it arrived at the next opening, so hours and channels do not blur the text rules.
            Instant inHours = practice.Calendar.NextOpening(Instant.FromUtc(2026, 11, 23, 0, 0));
            string to = practice.Professional.Addresses[0];
            int lineNumber = 0;
            foreach (string line in File.ReadLines(path))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    using JsonDocument document = JsonDocument.Parse(line);
                    JsonElement row = document.RootElement;
                    string body = row.GetProperty("body").GetString() ?? "";
                    var message = new IncomingMessage(
                        row.TryGetProperty("channel", out JsonElement c) ? c.GetString() ?? "email" : "email",
                        row.GetProperty("from").GetString() ?? "",
                        [to],
                        inHours,
                        row.TryGetProperty("subject", out JsonElement s) ? s.GetString() ?? "" : "",
                        body,
                        ImmutableArray<MessageHeader>.Empty);
                    var labels = row.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToHashSet(StringComparer.Ordinal);
                    string id = row.TryGetProperty("id", out JsonElement i) ? i.ToString() : lineNumber.ToString(CultureInfo.InvariantCulture);
                    Decision decided = DecisionCore.Decide(practice, message, inHours);
                    evaluation.Add(id, body, labels, decided);
                    if (nearest is not null)
                    {
                        string text = message.Text;
                        ImmutableHashSet<string> suggested = [.. nearest.Suggest(encoder!.Encode([text], CancellationToken.None)[0], leaveOut: text).Select(s => s.Label)];
                        byModel.Add(id, body, labels, suggested);
                        together.Add(id, body, labels, suggested.Union(SignalEvaluation.Flags(decided)));
                    }
                }
                catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
                {
                    error.WriteLine($"porter: {path}:{lineNumber}: not a labelled message ({e.Message})");
                    return 2;
                }
            }

            if (parseResult.GetValue(json))
            {
                parseResult.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    messages = evaluation.Messages,
                    labels = Shape(evaluation),
                    model = nearest is null ? null : Shape(byModel),
                    rulesOrModel = nearest is null ? null : Shape(together),
                }));
                return 0;
            }

            IAnsiConsole console = Terminal.For(parseResult);
            var table = new Table().Border(TableBorder.Rounded).Title($"{evaluation.Messages} labelled messages").AddColumns("Label", "Labelled", "Precision", "Recall", "False positives", "Missed");
            foreach (LabelScore score in evaluation.Scores)
            {
                table.AddRow(score.Label, $"{score.Labelled}", $"{score.Precision:P0}", $"{score.Recall:P0}", $"{score.FalsePositives}", $"{score.FalseNegatives}");
            }

            console.Write(table);
            if (nearest is not null)
            {
                var compared = new Table().Border(TableBorder.Rounded).Title($"the model ({nearest.Count} examples, {NearestExamples.K} nearest, {NearestExamples.Quorum} must agree)")
                    .AddColumns("Label", "Model: precision", "Model: recall", "Rules or model: precision", "Rules or model: recall");
                foreach ((LabelScore alone, LabelScore both) in byModel.Scores.Zip(together.Scores))
                {
                    compared.AddRow(alone.Label, $"{alone.Precision:P0}", $"{alone.Recall:P0}", $"{both.Precision:P0}", $"{both.Recall:P0}");
                }

                console.Write(compared);
            }

            if (parseResult.GetValue(misses))
            {
                foreach (LabelMiss miss in evaluation.Misses)
                {
                    console.MarkupLine(Markup.Escape($"#{miss.Id} {(miss.Missed ? "missed" : "wrongly flagged")} {miss.Label}: {miss.Text}"));
                }
            }

            return 0;
        });
        return new Command("signals", "The text rules behind Porter's signals.") { eval };
    }

    private static object Shape(SignalEvaluation evaluation) =>
        evaluation.Scores.Select(x => new { label = x.Label, labelled = x.Labelled, precision = Math.Round(x.Precision, 3), recall = Math.Round(x.Recall, 3), truePositives = x.TruePositives, falsePositives = x.FalsePositives, falseNegatives = x.FalseNegatives });


    /// <summary>The labelled messages of a JSON Lines file, as examples for the model.</summary>
    private static List<LabelledExample> ReadExamples(string path) => LabelledExamples.Parse(File.ReadLines(path));
}
