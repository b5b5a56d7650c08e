using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Client;

/// <summary>
/// The client's page, "how we work together": the professional's hours in the client's zone (or one they choose),
/// the channels and what each is for, response times, check-ins, feedback, milestones and scope. No login: the
/// link's token is the key; an unknown token answers 404.
/// </summary>
[AllowAnonymous]
public sealed class AgreementModel(BookingDesk desk, IDateTimeZoneProvider zones, IClock clock, Porter.Application.ChangeLog.IChangeLog log,
    IDbContextFactory<Porter.Storage.PorterDb> contexts) : ClientPage(desk, zones)
{
    /// <summary>The client's feedback rounds so far, newest first, with their answers.</summary>
    public IReadOnlyList<Porter.Storage.Model.CadenceRunRecord> Feedback { get; private set; } = [];

    /// <summary>The milestones as the change log leaves them.</summary>
    public IReadOnlyList<Porter.Domain.ChangeLog.MilestoneNow> Milestones { get; private set; } = [];

    /// <summary>The client's changes to the plan, newest first, each with their answer.</summary>
    public IReadOnlyList<Porter.Domain.ChangeLog.ChangeNow> Changes { get; private set; } = [];

    /// <summary>The professional's working stretches in the coming week, by day.</summary>
    public IReadOnlyList<(string Day, IReadOnlyList<Interval> Stretches)> Hours { get; private set; } = [];

    /// <summary>Shows the agreement.</summary>
    public async Task<IActionResult> OnGetAsync(string token, string? zone, CancellationToken cancellationToken)
    {
        if (!await FindAsync(token, zone, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        Hours = HoursAhead(clock.GetCurrentInstant(), 7);
        var entries = (await log.ReadAsync(View!.Client.Id, cancellationToken).ConfigureAwait(false)).Select(e => e.Entry).ToList();
        Milestones = Porter.Domain.ChangeLog.ClientPlan.Milestones(View.Client, entries);
        Changes = [.. Porter.Domain.ChangeLog.ClientPlan.Changes(View.Client.Id, entries).Reverse()];
        await using (Porter.Storage.PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            string client = View.Client.Id;
            NodaTime.Instant now = clock.GetCurrentInstant();
            Feedback = await db.CadenceRuns.AsNoTracking()
                .Where(r => r.ClientId == client && r.Kind == CadenceKeeper.Feedback && r.Due <= now)
                .OrderByDescending(r => r.Due).Take(10)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
        }
        return Page();
    }
}
