using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Porter.Domain.Messages;
using Porter.Mail;
using Porter.Storage.Messages;

namespace Porter.Cli.Service;

/// <summary>Feeds a sample mailbox into a running service, one message every few seconds, as if each arrived now.</summary>
internal static class DemoReplay
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(IServiceProvider services, string mailbox, IClock clock, TextWriter output, CancellationToken cancellationToken)
    {
        MessageStore store = services.GetRequiredService<MessageStore>();
        long run = clock.GetCurrentInstant().ToUnixTimeSeconds();
        try
        {
            foreach (MailboxItem item in Mailbox.Read(mailbox, cancellationToken))
            {
                if (item.Message is null)
                {
                    continue;
                }

                // A Message-ID of this run's own, so every run of the demo shows its decisions afresh.
                IncomingMessage message = MimeConversion.ToIncoming(item.Message, clock.GetCurrentInstant()) with { ReceivedAt = clock.GetCurrentInstant() };
                message = message with { MessageId = $"<demo-{run}-{message.MessageId?.Trim('<', '>') ?? item.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}>" };
                Acceptance accepted = await store.AcceptAsync(message, null, cancellationToken).ConfigureAwait(false);
                output.WriteLine(accepted.Created
                    ? $"  demo: #{accepted.Record.Id} from {message.From}: {accepted.Record.Decision} ({accepted.Record.Priority})"
                    : $"  demo: {message.From}'s message is stored already (#{accepted.Record.Id}); nothing new stored");
                await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The service is stopping.
        }
    }
}
