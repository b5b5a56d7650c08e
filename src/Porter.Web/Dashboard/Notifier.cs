using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Porter.Application.Changes;
using Porter.Domain.Agreements;
using Porter.Storage;
using Porter.Storage.Messages;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>
/// Tells the professional, by email, of a deadline about to pass (<see cref="Warning"/> of working time left, unanswered) and of
/// an emergency delivered in their hours (an urgent matter found in it, which raised its priority), once each (<c>notifications</c>: one per message and kind,
/// whichever instance writes first, with the action that sends it). Only in the professional's working hours and never
/// while they are in Focus, Off or on vacation: a warning still due when they are back goes then, an emergency if it
/// came in the last <see cref="EmergencyReach"/> and still waits. Looks every <see cref="ServiceOptions.PracticeSyncInterval"/>.
/// </summary>
internal sealed class Notifier(IDbContextFactory<PorterDb> contexts, PracticeState practice, ServiceOptions options, IClock clock, ILogger<Notifier> logger)
    : Poller(options.PracticeSyncInterval, tickAtStart: true, logger)
{
    /// <summary>How much working time before a deadline the warning goes.</summary>
    public static readonly Duration Warning = Duration.FromMinutes(30);

    /// <summary>How old an emergency may be and still be told of (after Focus, say).</summary>
    public static readonly Duration EmergencyReach = Duration.FromHours(2);

    /// <summary>The kind of a deadline warning.</summary>
    public const string Deadline = "deadline";

    /// <summary>The kind of an emergency notice.</summary>
    public const string Emergency = "emergency";

    protected override string Work => "tell professionals of deadlines about to pass and of emergencies";

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        Instant now = clock.GetCurrentInstant();
        List<(long Id, string Kind)> due;
        await using (PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            // Candidates for a warning: deadlines in the next fortnight; whether their working time left is within
            // the warning is worked out per professional below (Friday 17:00 with a deadline Monday 09:10 has 10 minutes).
            Instant horizon = now + Duration.FromDays(14), since = now - EmergencyReach;
            IQueryable<MessageRecord> waiting = db.Messages.AsNoTracking().Waiting(now).Where(m => m.WaitingSince == null);
            var deadlines = await waiting.Where(m => m.Deadline > now && m.Deadline <= horizon && !db.Notifications.Any(n => n.MessageRecordId == m.Id && n.Kind == Deadline))
                .OrderBy(m => m.Deadline).Take(2000).ToListAsync(cancellationToken).ConfigureAwait(false);
            var emergencies = await waiting.Where(m => m.Decision == "deliver" && m.PriorityRank >= 2 && m.Reasons.Contains("\"urgent-matter\"") && m.ReceivedAt >= since && !db.Notifications.Any(n => n.MessageRecordId == m.Id && n.Kind == Emergency))
                .Take(200).ToListAsync(cancellationToken).ConfigureAwait(false);
            due = [
                .. deadlines.Where(m => Listening(m, now) && StoredPractice.Of(practice.Current, m).Calendar.BusinessTimeBetween(now, m.Deadline!.Value) <= Warning).Select(m => (m.Id, Deadline)),
                .. emergencies.Where(m => Listening(m, now)).Select(m => (m.Id, Emergency)),
            ];
        }

        foreach ((long id, string kind) in due)
        {
            await AddAsync(id, kind, now, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the message's professional hears of it now: in their hours, and not in Focus, Off or on vacation.</summary>
    private bool Listening(MessageRecord message, Instant now)
    {
        Practice p = StoredPractice.Of(practice.Current, message);
        return p.Professional.Status == ProfessionalStatus.Available && p.Calendar.IsOpen(now);
    }

    private async Task AddAsync(long messageId, string kind, Instant now, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Notifications.Add(new NotificationRecord { MessageRecordId = messageId, Kind = kind, At = now });
        db.Actions.Add(new ActionRecord { Kind = ActionKind.Notify, MessageRecordId = messageId, DueAt = now, Payload = JsonSerializer.Serialize(new { kind }, JsonSerializerOptions.Web) });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another instance put it on record first.
        }
    }
}
