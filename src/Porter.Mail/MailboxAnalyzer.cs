using MimeKit;
using Porter.Application.Analysis;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;

namespace Porter.Mail;

/// <summary>Feeds mailbox items to a <see cref="MailboxAnalysis"/>, one message in memory at a time.</summary>
public static class MailboxAnalyzer
{
    /// <summary>Analyses one item, counting it as malformed when it cannot be decided (no sender, no date, not MIME).</summary>
    public static void Analyze(MailboxAnalysis analysis, MailboxItem item)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(item);
        if (item.Message is not MimeMessage message)
        {
            analysis.AddMalformed(item.Source, item.Error ?? "unreadable");
            return;
        }

        using (message)
        {
            string? problem = message.From.Mailboxes.Any() ? null : "no From address";
            if (problem is null && MimeConversion.ArrivalTime(message) is null)
            {
                problem = "no usable Date header";
            }

            if (problem is not null)
            {
                analysis.AddMalformed(item.Source, problem);
                return;
            }

            // Automatic mail is told from its headers alone: decode the body only for mail that may need it.
            IncomingMessage incoming = MimeConversion.ToIncoming(message, withBody: false);
            if (AutomaticMail.Check(incoming, analysis.Practice.Professional) is null)
            {
                incoming = incoming with { Body = MimeConversion.BodyText(message) };
            }

            analysis.Add(incoming);
        }
    }
}
