using System.Collections.Immutable;
using NodaTime;

namespace Porter.Domain.Messages;

/// <summary>One header of a message, as received (names compare case-insensitively).</summary>
/// <param name="Name">The header name, such as <c>Auto-Submitted</c>.</param>
/// <param name="Value">The unfolded value.</param>
public readonly record struct MessageHeader(string Name, string Value);

/// <summary>
/// A message from anyone, on any channel, reduced to what a decision needs: where it came in, who sent it, to whom,
/// when, what it says, and (for email) its headers. Adapters build it from MIME, webhooks or the API.
/// </summary>
/// <param name="Channel">The channel it arrived on: <c>email</c>, <c>sms</c>, <c>chat</c>, <c>phone</c>, <c>whatsapp</c>, <c>api</c>…</param>
/// <param name="From">The sender's identity on that channel: an email address, a phone number, a chat handle.</param>
/// <param name="Recipients">Who it was addressed to (for email: To and Cc).</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="Subject">The subject, if the channel has one.</param>
/// <param name="Body">The text of the message.</param>
/// <param name="Headers">The headers, for email; empty for other channels.</param>
/// <param name="ReturnPath">The envelope sender (Return-Path) when known: empty string for a null path <c>&lt;&gt;</c>, null when absent.</param>
/// <param name="MessageId">The Message-ID or the channel's own id, if any.</param>
/// <param name="Html">The HTML part of an email, if it had one (decisions read <paramref name="Body"/>; the dashboard shows this sanitised).</param>
public sealed record IncomingMessage(
    string Channel,
    string From,
    ImmutableArray<string> Recipients,
    Instant ReceivedAt,
    string Subject,
    string Body,
    ImmutableArray<MessageHeader> Headers,
    string? ReturnPath = null,
    string? MessageId = null,
    string? Html = null)
{
    /// <summary>The words that are read: the subject and the body, one line apart (the body alone when there is no subject).</summary>
    public string Text => TextOf(Subject, Body);

    /// <summary>The words that are read of a subject and a body: the same for a message and for a labelled example, so the phrase rules and the model read alike.</summary>
    public static string TextOf(string subject, string body)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return subject.Length == 0 ? body : subject + "\n" + body;
    }

    /// <summary>The files attached (email), kept with the message and offered for download; decisions do not read them.</summary>
    public ImmutableArray<IncomingAttachment> Attachments { get; init; } = [];

    /// <summary>
    /// The conversation it belongs to: for email, the first Message-ID of References (the thread's root), else
    /// In-Reply-To, else its own Message-ID, else the sender and the subject without Re:/Fwd:; for other channels, the
    /// channel and the sender (a text thread is one conversation).
    /// </summary>
    public string ThreadKey
    {
        get
        {
            if (!IsEmail)
            {
                return $"{Channel.ToLowerInvariant()}:{From.ToLowerInvariant()}";
            }

            string? root = FirstId(Header("References")) ?? FirstId(Header("In-Reply-To")) ?? MessageId;
            return root is not null ? root.ToLowerInvariant() : $"subject:{From.ToLowerInvariant()}:{BareSubject(Subject).ToLowerInvariant()}";
        }
    }

    /// <summary>A subject without its leading Re:, Fwd:, Fw:, AW:, WG: (any case, repeated).</summary>
    public static string BareSubject(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        string s = subject.Trim();
        while (true)
        {
            int colon = s.IndexOf(':', StringComparison.Ordinal);
            if (colon is < 2 or > 4 || !PrefixWords.Contains(s[..colon].Trim().ToLowerInvariant()))
            {
                return s;
            }

            s = s[(colon + 1)..].TrimStart();
        }
    }

    private static readonly HashSet<string> PrefixWords = ["re", "fwd", "fw", "aw", "wg", "tr"];

    private static string? FirstId(string? header)
    {
        if (header is null)
        {
            return null;
        }

        int start = header.IndexOf('<', StringComparison.Ordinal);
        int end = start < 0 ? -1 : header.IndexOf('>', start);
        return end > start + 1 ? header[start..(end + 1)] : null;
    }

    /// <summary>Whether this is email, where the automatic-mail rules on headers and recipients apply.</summary>
    public bool IsEmail => string.Equals(Channel, "email", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first header with that name, ignoring case.</summary>
    public string? Header(string name)
    {
        foreach (MessageHeader header in Headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }
}

/// <summary>A file attached to a message.</summary>
/// <param name="FileName">Its name as the sender gave it (shown, and offered when downloading; never trusted as a path).</param>
/// <param name="ContentType">Its MIME type as the sender declared it (shown only: downloads are always application/octet-stream).</param>
/// <param name="Content">Its bytes.</param>
public sealed record IncomingAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
