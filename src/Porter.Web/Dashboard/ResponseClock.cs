using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Porter.Application.Changes;
using Porter.Domain.Agreements;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>
/// The response clock, paused while the professional waits on the client: when the client writes again (a message from
/// the same client, or the same sender when they are not a known client, stored after the wait began), the wait ends
/// and the deadline moves on by the working time it stayed paused. Looks every
/// <see cref="ServiceOptions.PracticeSyncInterval"/>.
/// </summary>
internal sealed class ResponseClock(IDbContextFactory<PorterDb> contexts, PracticeState practice, ServiceOptions options, ILogger<ResponseClock> logger)
    : Poller(options.PracticeSyncInterval, tickAtStart: true, logger)
{
    protected override string Work => "resume the response clock of messages whose client answered";

    protected override Task TickAsync(CancellationToken cancellationToken) => ResumeAnsweredAsync(cancellationToken);

    /// <summary>Ends the wait of every waiting message whose client has written since; returns how many.</summary>
    internal async Task<int> ResumeAnsweredAsync(CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        List<MessageRecord> waiting = await db.Messages.Where(m => m.WaitingSince != null && m.DoneAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);
        int resumed = 0;
        foreach (MessageRecord message in waiting)
        {
            Instant since = message.WaitingSince!.Value;
            Instant? answered = await db.Messages.AsNoTracking()
                .Where(m => m.Id != message.Id && m.StoredAt > since
                    && (message.ClientId != null ? m.ClientId == message.ClientId : m.From == message.From))
                .MinAsync(m => (Instant?)m.ReceivedAt, cancellationToken).ConfigureAwait(false);
            if (answered is { } at)
            {
                Resume(message, StoredPractice.Of(practice.Current, message), at < since ? since : at);
                resumed++;
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return resumed;
    }

    /// <summary>Ends the wait at <paramref name="at"/>: the deadline moves on by the working time the clock stood still.</summary>
    public static void Resume(MessageRecord message, Practice practice, Instant at)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(practice);
        if (message.WaitingSince is not { } since)
        {
            return;
        }

        if (message.Deadline is { } deadline)
        {
            message.Deadline = practice.Calendar.PlusBusinessTime(deadline, practice.Calendar.BusinessTimeBetween(since, at));
        }

        message.WaitingSince = null;
    }
}
