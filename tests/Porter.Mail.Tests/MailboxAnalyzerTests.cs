using MimeKit;
using NodaTime;
using Porter.Application.Analysis;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Testing;

namespace Porter.Mail.Tests;

public class MailboxAnalyzerTests
{
    private static readonly Practice Practice =
        ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "porter.json"), DateTimeZoneProviders.Tzdb).ToPractice();

    /// <summary>The fast path (list mail settled from its headers, bodies decoded only when needed) decides exactly as full conversion does.</summary>
    [Theory]
    [InlineData("samples/mailbox/demo.mbox")]
    [InlineData("shared:corpus/mime-edge")]
    public void Analyze_MatchesDecidingEveryFullyConvertedMessage(string mailbox)
    {
        string path = mailbox.StartsWith("shared:", StringComparison.Ordinal)
            ? Path.Combine(RepositoryPaths.Shared, mailbox["shared:".Length..])
            : Path.Combine(RepositoryPaths.Root, mailbox);
        var fast = new MailboxAnalysis(Practice);
        foreach (MailboxItem item in Mailbox.Read(path))
        {
            MailboxAnalyzer.Analyze(fast, item);
        }

        var full = new MailboxAnalysis(Practice);
        foreach (MailboxItem item in Mailbox.Read(path))
        {
            using MimeMessage? message = item.Message;
            if (message is null || !message.From.Mailboxes.Any() || MimeConversion.ArrivalTime(message) is null)
            {
                full.AddMalformed(item.Source, "unusable");
                continue;
            }

            full.Add(MimeConversion.ToIncoming(message));
        }

        Assert.True(fast.Overall.Messages > 30);
        Assert.Equal(full.Overall.Messages, fast.Overall.Messages);
        Assert.Equal(full.MalformedCount, fast.MalformedCount);
        Assert.Equal(full.Overall.Decisions, fast.Overall.Decisions);
        Assert.Equal(full.Overall.Signals, fast.Overall.Signals);
        Assert.Equal(full.Overall.AutoReplies, fast.Overall.AutoReplies);
        Assert.Equal(full.Overall.OwnAfterHoursReplies, fast.Overall.OwnAfterHoursReplies);
    }
}
