using System.Security.Cryptography;
using System.Text;
using Porter.Web.Api;

namespace Porter.Web.Tests;

/// <summary>Webhook requests signed as Twilio, Standard Webhooks and Slack sign them, with the tests' secrets.</summary>
#pragma warning disable CA5350 // Twilio signs with HMAC-SHA1.
internal static class SignedWebhooks
{
    public const string TwilioToken = "12345";
    public const string TwilioUrl = "https://mycompany.com/myapp.php?foo=1&bar=2";
    public const string StandardSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string SlackSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    public static readonly WebhookSecrets Secrets = new(TwilioToken, TwilioUrl, StandardSecret, SlackSecret);

    public static string TwilioSignature(Dictionary<string, string> fields) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(TwilioToken),
            Encoding.UTF8.GetBytes(TwilioUrl + string.Concat(fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + f.Value)))));

    public static string StandardSignature(string id, long timestamp, string body) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(StandardSecret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));

    public static string SlackSignature(long timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SlackSecret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    public static async Task<HttpResponseMessage> PostTwilio(HttpClient client, Dictionary<string, string> fields, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/twilio") { Content = new FormUrlEncodedContent(fields) };
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostStandard(HttpClient client, string id, long timestamp, string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/standard") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostSlack(HttpClient client, long timestamp, string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/slack") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", signature);
        return await client.SendAsync(request);
    }
}
