using System.Collections.Immutable;
using System.Text.Json;
using MimeKit;
using NodaTime;
using NodaTime.Text;
using Porter.Domain.Messages;
using Porter.Mail;

namespace Porter.Cli.Messages;

/// <summary>Reads one message for <c>porter simulate</c>: an .eml file (MIME) or a .json object.</summary>
internal static class MessageFile
{
    /// <summary>Reads the message, or says why it cannot.</summary>
    public static IncomingMessage? Read(string path, out string? error)
    {
        error = null;
        try
        {
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                return ReadJson(File.ReadAllText(path), out error);
            }

            using Stream stream = Mailbox.Open(path);
            MimeMessage message = MimeMessage.Load(stream);
            if (MimeConversion.ArrivalTime(message) is null)
            {
                error = "the message has no Date header: give the arrival time with --at";
            }

            return MimeConversion.ToIncoming(message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
        {
            error = $"cannot read {path}: {e.Message}";
            return null;
        }
    }

    /// <summary>Reads the JSON form: channel, from, to, subject, body, receivedAt, and optionally headers, returnPath, messageId.</summary>
    public static IncomingMessage? ReadJson(string json, out string? error)
    {
        error = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            JsonElement root = document.RootElement;
            string Text(string name, bool required = true) =>
                root.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString()!
                : required ? throw new FormatException($"\"{name}\" is required (a string)") : "";

            Instant receivedAt = Instant.MinValue;
            if (Text("receivedAt", required: false) is { Length: > 0 } at)
            {
                ParseResult<OffsetDateTime> parsed = OffsetDateTimePattern.ExtendedIso.Parse(at);
                receivedAt = parsed.Success ? parsed.Value.ToInstant() : throw new FormatException($"\"receivedAt\": '{at}' is not an ISO-8601 instant such as 2026-11-24T23:10:00Z");
            }

            ImmutableArray<string> to = root.TryGetProperty("to", out JsonElement toElement)
                ? toElement.ValueKind == JsonValueKind.Array
                    ? [.. toElement.EnumerateArray().Select(e => e.GetString() ?? "")]
                    : [toElement.GetString() ?? ""]
                : [];
            var headers = ImmutableArray.CreateBuilder<MessageHeader>();
            if (root.TryGetProperty("headers", out JsonElement h) && h.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty p in h.EnumerateObject())
                {
                    headers.Add(new MessageHeader(p.Name, p.Value.GetString() ?? ""));
                }
            }

            string? returnPath = root.TryGetProperty("returnPath", out JsonElement rp) ? rp.GetString() : null;
            string? id = root.TryGetProperty("messageId", out JsonElement mid) ? mid.GetString() : null;
            return new IncomingMessage(Text("channel"), Text("from"), to, receivedAt, Text("subject", required: false), Text("body", required: false), headers.ToImmutable(), returnPath, id);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            error = $"not a message: {e.Message}";
            return null;
        }
    }
}
