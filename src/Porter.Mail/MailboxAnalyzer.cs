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

            // List and automatic mail is settled by its headers: read nothing else of it but sender and date, and
            // decode only the header that settles it.
            if (AutomaticHeader(message) is { } settling)
            {
                string from = message.From.Mailboxes.First().Address;
                string? returnPath = settling.Name.Equals("Return-Path", StringComparison.OrdinalIgnoreCase) ? settling.Value : null;
                analysis.Add(new IncomingMessage("email", from, [], MimeConversion.ArrivalTime(message)!.Value, "", "", [settling], returnPath));
                return;
            }

            // Otherwise the body is decoded only when the sender and recipients leave the message to be decided.
            IncomingMessage incoming = MimeConversion.ToIncoming(message, withBody: false);
            if (AutomaticMail.Check(incoming, analysis.Practice.Professional) is null)
            {
                incoming = incoming with { Body = MimeConversion.BodyText(message) };
            }

            analysis.Add(incoming);
        }
    }

    /// <summary>The first header that makes the message automatic by rule 1 (a List-* header's value is not even decoded), or null.</summary>
    private static MessageHeader? AutomaticHeader(MimeMessage message)
    {
        foreach (Header header in message.Headers)
        {
            if (!MimeConversion.IsDecisionHeader(header))
            {
                continue;
            }

            var candidate = new MessageHeader(header.Field, header.Field.StartsWith("List-", StringComparison.OrdinalIgnoreCase) ? "" : header.Value);
            string? returnPath = header.Field.Equals("Return-Path", StringComparison.OrdinalIgnoreCase) ? candidate.Value : null;
            if (AutomaticMail.CheckHeaders([candidate], returnPath) is not null)
            {
                return candidate;
            }
        }

        return MimeConversion.ReportHeader(message);
    }
}
