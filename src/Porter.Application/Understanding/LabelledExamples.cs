using System.Globalization;
using System.Text.Json;

namespace Porter.Application.Understanding;

/// <summary>Reads labelled messages, one JSON object a line (id, subject, body, labels), as examples for the model.</summary>
public static class LabelledExamples
{
    /// <summary>The examples of the lines given (blank lines skipped); the text is the subject and the body.</summary>
    /// <exception cref="FormatException">A line is not a labelled message; the message names it.</exception>
    public static List<LabelledExample> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var examples = new List<LabelledExample>();
        int number = 0;
        foreach (string line in lines)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(line);
                JsonElement row = document.RootElement;
                string subject = row.TryGetProperty("subject", out JsonElement s) ? s.GetString() ?? "" : "";
                string body = row.GetProperty("body").GetString() ?? "";
                examples.Add(new LabelledExample(
                    row.TryGetProperty("id", out JsonElement i) ? i.ToString() : number.ToString(CultureInfo.InvariantCulture),
                    Porter.Domain.Messages.IncomingMessage.TextOf(subject, body),
                    [.. row.GetProperty("labels").EnumerateArray().Select(l => l.GetString() ?? "")]));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"line {number}: not a labelled message ({e.Message})", e);
            }
        }

        return examples;
    }
}
