using MimeKit;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;

namespace Porter.Mail;

/// <summary>
/// Builds the email for an automatic reply, as RFC 3834 asks: to the Return-Path (else the sender), marked
/// <c>Auto-Submitted: auto-replied</c>, threaded with <c>In-Reply-To</c> and <c>References</c>, and with
/// <c>X-Auto-Response-Suppress</c> so that Exchange does not answer it with an out-of-office.
/// </summary>
public static class AutoReplyMessage
{
    /// <summary>Creates the reply.</summary>
    /// <param name="plan">The decision's automatic-reply plan (where to, what it answers).</param>
    /// <param name="original">The message being answered.</param>
    /// <param name="from">The professional's address the reply comes from.</param>
    /// <param name="fromName">The professional's name.</param>
    /// <param name="subject">The rendered subject.</param>
    /// <param name="body">The rendered text.</param>
    public static MimeMessage Create(AutoReplyPlan plan, IncomingMessage original, string from, string fromName, string subject, string body)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(original);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(fromName, from));
        message.To.Add(MailboxAddress.Parse(plan.To));
        message.Subject = subject;
        message.Headers.Add("Auto-Submitted", "auto-replied");
        message.Headers.Add("X-Auto-Response-Suppress", "All");
        message.Headers.Add("Precedence", "bulk");
        if (plan.InReplyTo is { } id)
        {
            string bare = id.Trim().Trim('<', '>');
            message.InReplyTo = bare;
            foreach (string reference in References(original))
            {
                message.References.Add(reference);
            }

            if (!message.References.Contains(bare))
            {
                message.References.Add(bare);
            }
        }

        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    private static IEnumerable<string> References(IncomingMessage original)
    {
        string? references = original.Header("References");
        return references is null
            ? []
            : references.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(r => r.Trim('<', '>')).Where(r => r.Length > 0);
    }
}
