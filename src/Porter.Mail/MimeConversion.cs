using System.Collections.Immutable;
using System.Text.RegularExpressions;
using MimeKit;
using NodaTime;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;

namespace Porter.Mail;

/// <summary>Turns a MIME message into the <see cref="IncomingMessage"/> a decision needs.</summary>
public static partial class MimeConversion
{
    /// <summary>Bodies longer than this are cut before phrase matching: the opening of a message says what it is about.</summary>
    public const int MaxBodyChars = 64 * 1024;

    /// <summary>Converts a message that arrived by email.</summary>
    /// <param name="message">The parsed message.</param>
    /// <param name="fallbackTime">When it arrived, if the message has no usable Date header.</param>
    /// <param name="withBody">Whether to decode the body; without it, <see cref="IncomingMessage.Body"/> is empty (enough to tell automatic mail, cheaper).</param>
    public static IncomingMessage ToIncoming(MimeMessage message, Instant? fallbackTime = null, bool withBody = true)
    {
        ArgumentNullException.ThrowIfNull(message);
        string from = message.From.Mailboxes.FirstOrDefault()?.Address
            ?? message.Sender?.Address
            ?? "";
        ImmutableArray<string> recipients = [.. message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(m => m.Address)];
        Instant receivedAt = ArrivalTime(message) ?? fallbackTime ?? Instant.MinValue;

        (ImmutableArray<MessageHeader> headers, string? returnPath) = DecisionHeaders(message);
        return new IncomingMessage("email", from, recipients, receivedAt, message.Subject ?? "", withBody ? BodyText(message) : "", headers, returnPath, message.MessageId is { } id ? $"<{id}>" : null, withBody ? message.HtmlBody : null)
        {
            Attachments = withBody ? Attachments(message) : [],
        };
    }

    /// <summary>
    /// The files attached, decoded: every part MimeKit counts as an attachment (Content-Disposition: attachment, or a
    /// named part that is not the text). A part that cannot be decoded is left out rather than failing the message;
    /// a name is always given ("attachment-2" when the sender gave none).
    /// </summary>
    public static ImmutableArray<IncomingAttachment> Attachments(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var files = ImmutableArray.CreateBuilder<IncomingAttachment>();
        int n = 0;
        foreach (MimeEntity entity in message.Attachments)
        {
            n++;
            if (entity is not MimePart { Content: not null } part)
            {
                continue;
            }

            try
            {
                using var bytes = new MemoryStream();
                part.Content.DecodeTo(bytes);
                string name = Path.GetFileName(part.FileName ?? "") is { Length: > 0 } given ? given : $"attachment-{n}";
                files.Add(new IncomingAttachment(name.Length <= 255 ? name : name[^255..], part.ContentType.MimeType, bytes.ToArray()));
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or IOException)
            {
                // A part that will not decode is not worth losing the message over.
            }
        }

        return files.ToImmutable();
    }

    /// <summary>The headers decisions read, decoded, and the Return-Path among them.</summary>
    public static (ImmutableArray<MessageHeader> Headers, string? ReturnPath) DecisionHeaders(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);

        // Only these are decoded: decoding every Received: line would cost more than the decision.
        var headers = ImmutableArray.CreateBuilder<MessageHeader>();
        string? returnPath = null;
        foreach (Header header in message.Headers)
        {
            if (!IsDecisionHeader(header))
            {
                continue;
            }

            headers.Add(new MessageHeader(header.Field, header.Value));
            if (returnPath is null && header.Field.Equals("Return-Path", StringComparison.OrdinalIgnoreCase))
            {
                returnPath = header.Value.Trim();
            }
        }

        // MimeKit keeps a message's Content-Type with its body: a delivery or read report is told by it.
        if (ReportHeader(message) is { } report)
        {
            headers.Add(report);
        }

        return (headers.ToImmutable(), returnPath);
    }

    /// <summary>The message's Content-Type as a header, when it is a delivery or read report (DSN, MDN, feedback report); else null.</summary>
    public static MessageHeader? ReportHeader(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ContentType? type = message.Body?.ContentType;
        return type is not null && (type.IsMimeType("multipart", "report") || type.IsMimeType("message", "delivery-status") || type.IsMimeType("message", "disposition-notification"))
            ? new MessageHeader("Content-Type", type.MimeType)
            : null;
    }

    /// <summary>
    /// Whether a header is one that decisions read: Auto-Submitted, Precedence, every List-* header, Return-Path,
    /// the threading headers, Microsoft's X-Auto-Response-Suppress and the other marks of automatic mail
    /// (<see cref="AutomaticMail.IsAutomaticMark"/>). A report's Content-Type is read from the body (<see cref="ReportHeader"/>).
    /// </summary>
    public static bool IsDecisionHeader(Header header)
    {
        ArgumentNullException.ThrowIfNull(header);

        // By name, not Header.Id: MimeKit looks the id up from the name on every call, which costs more than this.
        string field = header.Field;
        return field.Length >= 5 && (char.ToLowerInvariant(field[0]) switch
        {
            'l' => field.StartsWith("List-", StringComparison.OrdinalIgnoreCase),
            'a' => field.Equals("Auto-Submitted", StringComparison.OrdinalIgnoreCase),
            'p' => field.Equals("Precedence", StringComparison.OrdinalIgnoreCase),
            'r' => field.Equals("Return-Path", StringComparison.OrdinalIgnoreCase) || field.Equals("References", StringComparison.OrdinalIgnoreCase),
            'i' => field.Equals("In-Reply-To", StringComparison.OrdinalIgnoreCase),
            'x' => field.Equals("X-Auto-Response-Suppress", StringComparison.OrdinalIgnoreCase) || AutomaticMail.IsAutomaticMark(field),
            _ => false,
        });
    }

    /// <summary>When the message was sent, from its Date header; null when it has none.</summary>
    public static Instant? ArrivalTime(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue
            ? Instant.FromDateTimeOffset(message.Date)
            : null;
    }

    /// <summary>The text of the message: the plain-text body, else the HTML body without its markup, cut at <see cref="MaxBodyChars"/>.</summary>
    public static string BodyText(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string text = message.TextBody ?? StripTags(message.HtmlBody ?? "");
        return text.Length > MaxBodyChars ? text[..MaxBodyChars] : text;
    }

    private static string StripTags(string html) => html.Length == 0 ? "" : Whitespace().Replace(Tags().Replace(html, " "), " ");

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Whitespace();
}
