using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Porter.Application.Changes;
using Porter.Application.Reviews;
using Porter.Domain.Reviews;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>
/// Mails each review when its period ends: for every professional and kind whose period ended in the last
/// <see cref="Reviews.Fresh"/>, the review is put on record once (<c>reviews</c>, whichever instance writes first) with
/// an action that mails it in the professional's first working moment after the period. Looks every
/// <see cref="ServiceOptions.PracticeSyncInterval"/>. Off with Porter:MailReviews=false.
/// </summary>
internal sealed class ReviewKeeper(IDbContextFactory<PorterDb> contexts, PracticeState practice, ServiceOptions options, IClock clock, ILogger<ReviewKeeper> logger)
    : Poller(options.PracticeSyncInterval, tickAtStart: true, logger)
{
    protected override string Work => "mail the reviews that have come round";

    protected override Task TickAsync(CancellationToken cancellationToken) => ScheduleAsync(cancellationToken);

    /// <summary>Puts on record every review that has come round and has none yet; returns how many were added.</summary>
    internal async Task<int> ScheduleAsync(CancellationToken cancellationToken)
    {
        Instant now = clock.GetCurrentInstant();
        int added = 0;
        foreach (DueReview due in Reviews.Due(practice.Current, now))
        {
            added += await AddAsync(due, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return added;
    }

    private async Task<bool> AddAsync(DueReview due, Instant now, CancellationToken cancellationToken)
    {
        string professional = due.Practice.Professional.Id, kind = due.Period.Kind.Name(), start = due.Period.Key;
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Reviews.AnyAsync(r => r.ProfessionalId == professional && r.Kind == kind && r.PeriodStart == start, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var review = new ReviewRecord { ProfessionalId = professional, Kind = kind, PeriodStart = start, CreatedAt = now };
        return await OnRecord.AddOnceAsync(db, review, r => new ActionRecord { Kind = ActionKind.Review, DueAt = due.SendAt, Payload = JsonSerializer.Serialize(new { reviewId = r.Id }, JsonSerializerOptions.Web) }, cancellationToken).ConfigureAwait(false);
    }
}
