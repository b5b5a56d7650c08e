using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Storage.Messages;
using Porter.Storage.Model;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Dashboard;

/// <summary>
/// The professional's queue: what waits for an answer, soonest deadline first with the working time left; what is
/// held and until when; the actions taken; the status switch.
/// </summary>
public sealed class IndexModel(TenantData tenant, PracticeState state, IClock clock) : PageModel
{
    /// <summary>Now.</summary>
    public Instant Now { get; } = clock.GetCurrentInstant();

    /// <summary>The practice, when this instance serves the person's organisation.</summary>
    public Practice? Practice => tenant.Practice;

    /// <summary>The zone times are shown in (the professional's).</summary>
    public DateTimeZone Zone => Practice?.Calendar.Zone ?? DateTimeZone.Utc;

    /// <summary>The professional's status.</summary>
    public ProfessionalStatus Status => Practice?.Professional.Status ?? ProfessionalStatus.Available;

    /// <summary>Whether it is working time now.</summary>
    public bool InHours => Practice is { } p && Porter.Web.Actions.ScheduledReplies.SendsNow(p, Now);

    /// <summary>Messages waiting for an answer (not answered yet: no reply queued, not marked answered).</summary>
    public IReadOnlyList<MessageRecord> Queue { get; private set; } = [];

    /// <summary>Messages held until a working window.</summary>
    public IReadOnlyList<MessageRecord> Held { get; private set; } = [];

    /// <summary>The latest actions.</summary>
    public IReadOnlyList<ActionRecord> Actions { get; private set; } = [];

    /// <summary>Reads the queue.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Instant now = Now;
        var db = tenant.Db;
        Queue = await db.Messages.AsNoTracking().Waiting(now)
            .OrderBy(m => m.Deadline == null).ThenBy(m => m.Deadline).ThenByDescending(m => m.PriorityRank).ThenBy(m => m.Id)
            .Take(200)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        Held = await db.Messages.AsNoTracking()
            .Where(m => m.Decision == "hold" && m.HoldUntil > now && m.DoneAt == null)
            .OrderBy(m => m.HoldUntil).ThenBy(m => m.Id)
            .Take(200)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        Actions = await db.Actions.AsNoTracking().OrderByDescending(a => a.Id).Take(20).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the status: decisions from now on follow it.</summary>
    public async Task<IActionResult> OnPostStatusAsync(string? status, CancellationToken cancellationToken)
    {
        if (Practice is null)
        {
            return NotFound();
        }

        if (!Enum.TryParse(status, ignoreCase: true, out ProfessionalStatus chosen) || !Enum.IsDefined(chosen))
        {
            return BadRequest();
        }

        await state.SetStatusAsync(chosen, Porter.Web.Accounts.Accounts.ActorOf(User), cancellationToken).ConfigureAwait(false);
        return RedirectToPage();
    }
}
