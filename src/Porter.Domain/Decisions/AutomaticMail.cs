using Porter.Domain.Agreements;
using Porter.Domain.Messages;

namespace Porter.Domain.Decisions;

/// <summary>
/// Rule 1: mail that must never be answered automatically (RFC 3834 §2 and §3.1, RFC 5230 §4.5): automatic mail,
/// list mail, bounces, robots, the professional's own mail, and mail not addressed to the professional.
/// </summary>
public static class AutomaticMail
{
    private static readonly string[] RobotLocalParts = ["mailer-daemon", "noreply", "no-reply", "donotreply", "do-not-reply", "postmaster"];

    /// <summary>Why the message must not be answered automatically, or null when it may be.</summary>
    /// <param name="message">The incoming message.</param>
    /// <param name="professional">Whose addresses count as "addressed to the professional" and "own mail".</param>
    public static Reason? Check(IncomingMessage message, Professional professional)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(professional);

        if (CheckHeaders(message.Headers, message.ReturnPath) is { } byHeaders)
        {
            return byHeaders;
        }

        string sender = message.ReturnPath is { Length: > 0 } path ? path : message.From;
        if (message.IsEmail)
        {
            string local = LocalPart(sender);
            if (RobotLocalParts.Contains(local, StringComparer.OrdinalIgnoreCase)
                || local.StartsWith("owner-", StringComparison.OrdinalIgnoreCase)
                || local.EndsWith("-request", StringComparison.OrdinalIgnoreCase))
            {
                return new Reason("automatic-mail", $"sender {sender} is a robot or list address");
            }
        }

        if (professional.OwnsAddress(message.From) || professional.OwnsAddress(sender)
            || professional.Identities.Any(i => string.Equals(i, message.From, StringComparison.OrdinalIgnoreCase)))
        {
            return new Reason("own-mail", $"sent from the professional's own address {message.From}");
        }

        if (message.IsEmail && !message.Recipients.Any(professional.OwnsAddress))
        {
            return new Reason("automatic-mail", "not addressed to any of the professional's addresses (list or Bcc mail)");
        }

        return null;
    }

    /// <summary>
    /// The checks that need only the headers and the Return-Path (Auto-Submitted, Precedence, List-*, a null path):
    /// enough to settle list and automatic mail before anything else of the message is read.
    /// </summary>
    public static Reason? CheckHeaders(IReadOnlyList<MessageHeader> headers, string? returnPath)
    {
        ArgumentNullException.ThrowIfNull(headers);
        foreach (MessageHeader header in headers)
        {
            if (header.Name.StartsWith("List-", StringComparison.OrdinalIgnoreCase))
            {
                return new Reason("automatic-mail", $"{header.Name} header (mailing-list mail)");
            }

            if (header.Name.Equals("Auto-Submitted", StringComparison.OrdinalIgnoreCase))
            {
                string token = header.Value.Split(';', 2)[0].Trim();
                if (!string.Equals(token, "no", StringComparison.OrdinalIgnoreCase))
                {
                    return new Reason("automatic-mail", $"Auto-Submitted: {token} (RFC 3834: never answer automatic mail)");
                }
            }
            else if (header.Name.Equals("Precedence", StringComparison.OrdinalIgnoreCase))
            {
                string value = header.Value.Trim();
                if (value.Equals("bulk", StringComparison.OrdinalIgnoreCase) || value.Equals("list", StringComparison.OrdinalIgnoreCase) || value.Equals("junk", StringComparison.OrdinalIgnoreCase))
                {
                    return new Reason("automatic-mail", $"Precedence: {value} (list or bulk mail)");
                }
            }
        }

        return returnPath is not null && IsNullPath(returnPath)
            ? new Reason("automatic-mail", "Return-Path: <> (a bounce or other automatic mail)")
            : null;
    }

    private static bool IsNullPath(string returnPath)
    {
        string trimmed = returnPath.Trim();
        return trimmed.Length == 0 || trimmed == "<>";
    }

    private static string LocalPart(string address)
    {
        string trimmed = address.Trim().Trim('<', '>');
        int at = trimmed.LastIndexOf('@');
        return at < 0 ? trimmed : trimmed[..at];
    }
}
