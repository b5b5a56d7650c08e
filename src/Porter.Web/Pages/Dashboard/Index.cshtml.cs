using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Application.Access;
using Porter.Domain.Agreements;
using Porter.Storage.Messages;
using Porter.Storage.Model;
using Porter.Web.Dashboard;
using Porter.Application.Changes;

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

    /// <summary>The professionals whose status the person sees: every one, for an owner; their own, for the others.</summary>
    public IReadOnlyList<Practice> Desks => tenant.Organisation is { } organisation
        ? [.. organisation.Practices.Where(p => tenant.Viewer.Sees(p.Professional.Id))]
        : [];

    /// <summary>Whether the person may set that professional's status.</summary>
    public bool MaySetStatus(string professionalId) => tenant.May(Deed.SetStatus, professionalId);

    /// <summary>The practice a message was decided by (for its working time left); the person's own when unknown.</summary>
    public Practice? PracticeOf(MessageRecord message) => tenant.Organisation is { } organisation ? StoredPractice.Of(organisation, message) : Practice;

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

    /// <summary>Sets a professional's status (the person's own when none is named): decisions from now on follow it.</summary>
    /// <param name="status">available, focus, off or vacation.</param>
    /// <param name="professional">Whose (the person's own when not given).</param>
    /// <param name="until">For off or vacation: the day they are back (YYYY-MM-DD), if said.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public async Task<IActionResult> OnPostStatusAsync(string? status, string? professional, string? until, CancellationToken cancellationToken)
    {
        if (Practice is null)
        {
            return NotFound();
        }

        string whose = professional is { Length: > 0 } named ? named : Practice.Professional.Id;
        if (!tenant.Viewer.Sees(whose) || tenant.Organisation?.Find(whose) is null)
        {
            return NotFound();
        }

        if (!tenant.May(Deed.SetStatus, whose))
        {
            return RoleRefusal.Forbidden("only the professional or an owner sets their status");
        }

        if (!Enum.TryParse(status, ignoreCase: true, out ProfessionalStatus chosen) || !Enum.IsDefined(chosen))
        {
            return BadRequest();
        }

        LocalDate? back = null;
        if (!string.IsNullOrWhiteSpace(until))
        {
            if (NodaTime.Text.LocalDatePattern.Iso.Parse(until.Trim()) is not { Success: true } parsed)
            {
                return BadRequest();
            }

            back = parsed.Value;
        }

        await state.SetStatusAsync(whose, chosen, Porter.Web.Accounts.Accounts.ActorOf(User), cancellationToken, back).ConfigureAwait(false);
        return RedirectToPage();
    }
}
