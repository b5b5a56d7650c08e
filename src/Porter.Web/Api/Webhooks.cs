using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using NodaTime;
using Porter.Domain.Messages;
using Porter.Storage.Messages;

namespace Porter.Web.Api;

/// <summary>The secrets that webhook signatures are checked with; a webhook without its secret answers 404.</summary>
/// <param name="TwilioAuthToken">Twilio's auth token (X-Twilio-Signature, HMAC-SHA1).</param>
/// <param name="TwilioPublicUrl">The URL Twilio calls, as Twilio sees it (behind a proxy it differs from the request's); the request's own URL when null.</param>
/// <param name="StandardSecret">The Standard Webhooks secret, <c>whsec_</c> and base64.</param>
/// <param name="SlackSigningSecret">Slack's signing secret (X-Slack-Signature, HMAC-SHA256).</param>
/// <param name="OutgoingSecret">The Standard Webhooks secret (<c>whsec_</c> and base64) that Porter's own webhooks (escalations) are signed with; unsigned when null.</param>
public sealed record WebhookSecrets(string? TwilioAuthToken = null, string? TwilioPublicUrl = null, string? StandardSecret = null, string? SlackSigningSecret = null, string? OutgoingSecret = null)
{
    /// <summary>The Standard Webhooks signature (<c>v1,…</c>) of <paramref name="body"/> sent as <paramref name="id"/> at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, string id, long timestamp, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        byte[] key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        byte[] content = [.. Encoding.UTF8.GetBytes($"{id}.{timestamp}."), .. body];
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }
}

/// <summary>
/// SMS and chat webhooks, each checked by its signature before anything is read into a message: Twilio-style form
/// posts, a generic JSON webhook signed per the Standard Webhooks specification, and Slack events. A bad or stale
/// signature answers 401 and stores nothing. Repeats (the same provider message id) are stored once.
/// </summary>
internal static class Webhooks
{
    /// <summary>How old a signed timestamp may be (Standard Webhooks and Slack both recommend five minutes).</summary>
    private static readonly Duration Tolerance = Duration.FromMinutes(5);

    public static void Map(IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder hooks = routes.MapGroup("/webhooks").WithTags("webhooks").AllowAnonymous();
        hooks.MapPost("/twilio", Twilio).WithSummary("Twilio-style SMS/WhatsApp form posts, checked with X-Twilio-Signature.").DisableAntiforgery();
        hooks.MapPost("/standard", Standard).WithSummary("A JSON message (the POST /api/v1/messages shape), signed per the Standard Webhooks specification.");
        hooks.MapPost("/slack", Slack).WithSummary("Slack Events API (message events), checked with Slack's signing secret.");
    }

    private static async Task<IResult> Twilio(HttpContext context, WebhookSecrets secrets, MessageStore store, IClock clock)
    {
        if (secrets.TwilioAuthToken is not { Length: > 0 } token)
        {
            return Results.NotFound();
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string url = secrets.TwilioPublicUrl ?? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}";
        var signed = new StringBuilder(url);
        foreach (string key in form.Keys.Order(StringComparer.Ordinal))
        {
            foreach (string? value in form[key])
            {
                signed.Append(key).Append(value);
            }
        }

#pragma warning disable CA5350 // Twilio defines its signature as HMAC-SHA1; HMAC-SHA1 is not broken the way plain SHA-1 is.
        string expected = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(signed.ToString())));
#pragma warning restore CA5350
        if (!FixedTimeEquals(expected, context.Request.Headers["X-Twilio-Signature"].ToString()))
        {
            return Unauthorized("X-Twilio-Signature does not match this request.");
        }

        string from = form["From"].ToString();
        if (from.Length == 0 || (form["Body"].ToString().Length == 0 && form["NumMedia"].ToString() is "" or "0"))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["From"] = ["A Twilio message needs From and a Body (or media)."] });
        }

        bool whatsapp = from.StartsWith("whatsapp:", StringComparison.OrdinalIgnoreCase);
        var message = new IncomingMessage(
            whatsapp ? "whatsapp" : "sms",
            whatsapp ? from["whatsapp:".Length..] : from,
            [form["To"].ToString()],
            clock.GetCurrentInstant(),
            "",
            form["Body"].ToString(),
            ImmutableArray<MessageHeader>.Empty);
        // Twilio's MessageSid makes a retry a repeat; a post without one is known again by its signed parameters.
        string sid = form["MessageSid"].ToString();
        string parameters = signed.ToString(url.Length, signed.Length - url.Length);
        await store.AcceptAsync(message, sid.Length > 0 ? sid : BodyHash(Encoding.UTF8.GetBytes(parameters)), context.RequestAborted).ConfigureAwait(false);

        // Twilio wants TwiML back; an empty response sends nothing to the client (automatic replies go out as actions).
        return Results.Content("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", "application/xml");
    }

    private static async Task<IResult> Standard(HttpContext context, WebhookSecrets secrets, MessageStore store, IClock clock)
    {
        if (secrets.StandardSecret is not { Length: > 0 } secret)
        {
            return Results.NotFound();
        }

        byte[] body = await ReadBodyAsync(context).ConfigureAwait(false);
        string id = context.Request.Headers["webhook-id"].ToString();
        string timestamp = context.Request.Headers["webhook-timestamp"].ToString();
        Instant now = clock.GetCurrentInstant();
        if (id.Length == 0 || !IsFresh(timestamp, now))
        {
            return Unauthorized("webhook-id and a webhook-timestamp within five minutes are required.");
        }

        string expected;
        try
        {
            expected = WebhookSecrets.Sign(secret, id, long.Parse(timestamp, CultureInfo.InvariantCulture), body);
        }
        catch (FormatException)
        {
            return Results.Problem("The Standard Webhooks secret is not base64 (whsec_…).", statusCode: 500);
        }

        bool valid = context.Request.Headers["webhook-signature"].ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => s.StartsWith("v1,", StringComparison.Ordinal) && FixedTimeEquals(expected, s));
        if (!valid)
        {
            return Unauthorized("webhook-signature does not match this request.");
        }

        MessageRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<MessageRequest>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException e)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"Not a JSON message: {e.Message}"] });
        }

        if (request is null || MessagesApi.Validate(request, now) is not { } message)
        {
            return Results.ValidationProblem(request is null ? new() { ["body"] = ["Empty."] } : MessagesApi.Problems(request));
        }

        Acceptance accepted = await store.AcceptAsync(message, request.ExternalId ?? id, context.RequestAborted).ConfigureAwait(false);
        AcceptedResponse response = Shapes.Accepted(accepted);
        return accepted.Created ? Results.Accepted($"/api/v1/messages/{accepted.Record.Id}", response) : Results.Ok(response);
    }

    private static async Task<IResult> Slack(HttpContext context, WebhookSecrets secrets, MessageStore store, IClock clock)
    {
        if (secrets.SlackSigningSecret is not { Length: > 0 } secret)
        {
            return Results.NotFound();
        }

        byte[] body = await ReadBodyAsync(context).ConfigureAwait(false);
        string timestamp = context.Request.Headers["X-Slack-Request-Timestamp"].ToString();
        if (!IsFresh(timestamp, clock.GetCurrentInstant()))
        {
            return Unauthorized("X-Slack-Request-Timestamp is missing or more than five minutes away.");
        }

        byte[] signedContent = [.. Encoding.UTF8.GetBytes($"v0:{timestamp}:"), .. body];
        string expected = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signedContent));
        if (!FixedTimeEquals(expected, context.Request.Headers["X-Slack-Signature"].ToString()))
        {
            return Unauthorized("X-Slack-Signature does not match this request.");
        }

        JsonElement payload;
        try
        {
            payload = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException e)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"Not JSON: {e.Message}"] });
        }

        // Signed by Slack, yet not the shape Slack sends: a 400 that names what is wrong, never a 500.
        if (payload.ValueKind != JsonValueKind.Object)
        {
            return Malformed("body", "A Slack event is a JSON object.");
        }

        if (!TryText(payload, "type", out string? type))
        {
            return Malformed("type", "type must be a string.");
        }

        if (type == "url_verification")
        {
            return TryText(payload, "challenge", out string? challenge) && challenge is not null
                ? Results.Text(challenge, "text/plain")
                : Malformed("challenge", "url_verification needs a challenge (a string).");
        }

        if (type != "event_callback")
        {
            return Results.Ok();
        }

        if (!payload.TryGetProperty("event", out JsonElement e2) || e2.ValueKind != JsonValueKind.Object)
        {
            return Malformed("event", "event_callback needs an event object.");
        }

        if (!TryText(e2, "type", out string? eventType) || !TryText(e2, "user", out string? user)
            || !TryText(e2, "text", out string? text) || !TryText(e2, "channel", out string? channel) || !TryText(payload, "event_id", out string? eventId))
        {
            return Malformed("event", "event.type, event.user, event.text, event.channel and event_id must be strings where present.");
        }

        // Only people's own messages: not bots (Porter's own replies among them), not edits or joins.
        if (eventType != "message" || e2.TryGetProperty("subtype", out _) || e2.TryGetProperty("bot_id", out _) || user is null)
        {
            return Results.Ok();
        }

        Instant receivedAt = payload.TryGetProperty("event_time", out JsonElement time) && time.ValueKind == JsonValueKind.Number && time.TryGetInt64(out long seconds)
            && seconds is > 0 and < 100_000_000_000
            ? Instant.FromUnixTimeSeconds(seconds)
            : clock.GetCurrentInstant();
        var message = new IncomingMessage("chat", user, [channel ?? ""], receivedAt, "", text ?? "", ImmutableArray<MessageHeader>.Empty);

        // Slack's event_id makes a retry a repeat; an event without one is known again by its body.
        await store.AcceptAsync(message, eventId ?? BodyHash(body), context.RequestAborted).ConfigureAwait(false);
        return Results.Ok();
    }

    /// <summary>A property's string value: true with the value (null when absent or JSON null), false when present as anything else.</summary>
    private static bool TryText(JsonElement element, string name, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out JsonElement property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString();
        return true;
    }

    /// <summary>An id for a delivery that carries none of its own: the SHA-256 of what was signed, so a replay of it is a repeat.</summary>
    private static string BodyHash(ReadOnlySpan<byte> signed) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(signed));

    private static IResult Malformed(string field, string problem) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [problem] }, title: "The webhook's body is not what this endpoint takes.");

    private static bool IsFresh(string unixSeconds, Instant now) =>
        long.TryParse(unixSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
        && seconds is > 0 and < 100_000_000_000
        && Duration.FromSeconds(Math.Abs((now - Instant.FromUnixTimeSeconds(seconds)).TotalSeconds)) <= Tolerance;

    private static bool FixedTimeEquals(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static IResult Unauthorized(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "The webhook signature is not valid.");
}
