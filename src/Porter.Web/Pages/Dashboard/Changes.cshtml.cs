using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Porter.Application.Access;
using Porter.Application.ChangeLog;
using Porter.Domain.Agreements;
using Porter.Domain.ChangeLog;
using Porter.Storage;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Dashboard;

/// <summary>
/// A client's change log, for the professional: every change to the plan (found in the client's messages, or
/// recorded here), what it moved, and the client's answer; and the form to record one (it goes to the client to
/// confirm, in working hours). The milestones as the log leaves them: their dates move only through changes.
/// </summary>
public sealed class ChangesModel(TenantData tenant, IDbContextFactory<PorterDb> contexts, IClock clock) : PageModel
{
    /// <summary>The client.</summary>
    public Porter.Domain.Agreements.Client? Client { get; private set; }

    /// <summary>Their milestones now.</summary>
    public IReadOnlyList<MilestoneNow> Milestones { get; private set; } = [];

    /// <summary>Their changes, newest first.</summary>
    public IReadOnlyList<ChangeNow> Changes { get; private set; } = [];

    /// <summary>Whether the person may record a change (not an assistant).</summary>
    public bool MayRecord => Client is not null && tenant.May(Deed.ChangeAgreement, Client.ProfessionalId);

    /// <summary>The zone times are shown in.</summary>
    public DateTimeZone Zone => tenant.Practice?.Calendar.Zone ?? DateTimeZone.Utc;

    /// <summary>Today, in <see cref="Zone"/>.</summary>
    public LocalDate Today => clock.GetCurrentInstant().InZone(Zone).Date;

    /// <summary>The client's check-ins and feedback rounds that came round or are next, newest first.</summary>
    public IReadOnlyList<Porter.Storage.Model.CadenceRunRecord> Rounds { get; private set; } = [];

    /// <summary>What was recorded, or why not.</summary>
    public string? Notice { get; private set; }

    /// <summary>Why nothing was recorded.</summary>
    public string? Problem { get; private set; }

    /// <summary>Shows the log.</summary>
    public async Task<IActionResult> OnGetAsync(string clientId, long? recorded, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(clientId, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        Notice = recorded is { } sequence ? $"Change {sequence} recorded; {Client!.Name}'s contacts get it to confirm, in working hours." : null;
        return Page();
    }

    /// <summary>Records a change the client asked for.</summary>
    public async Task<IActionResult> OnPostAsync(string clientId, string? what, string? askedBy, string? askedOn, string? milestone, string? due, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(clientId, cancellationToken).ConfigureAwait(false))
        {
            return NotFound();
        }

        if (!MayRecord)
        {
            return RoleRefusal.Forbidden("an assistant reads the change log; the professional records changes");
        }

        Practice practice = tenant.Organisation!.PracticeOf(Client!.Id);
        Instant now = clock.GetCurrentInstant();
        Instant askedAt = now;
        if (!string.IsNullOrWhiteSpace(askedOn))
        {
            if (!LocalDatePattern.Iso.Parse(askedOn.Trim()).TryGetValue(default, out LocalDate day))
            {
                Problem = $"\"{askedOn}\" is not a date (YYYY-MM-DD).";
                return Page();
            }

            askedAt = day == Today ? now : Zone.AtStartOfDay(day).ToInstant();
        }

        var moves = new List<(string, LocalDate)>();
        if (!string.IsNullOrWhiteSpace(milestone))
        {
            if (string.IsNullOrWhiteSpace(due) || !LocalDatePattern.Iso.Parse(due.Trim()).TryGetValue(default, out LocalDate to))
            {
                Problem = $"Give the new date of \"{milestone}\" (YYYY-MM-DD).";
                return Page();
            }

            moves.Add((milestone, to));
        }

        Recorded result = await ChangeLogBook.RecordChangeAsync(new Porter.Storage.ChangeLog.EfChangeLog(contexts, tenant.OrganisationId), practice, Client, what ?? "",
            askedBy ?? "", askedAt, moves, Porter.Web.Accounts.Accounts.ActorOf(User), now, null, cancellationToken).ConfigureAwait(false);
        if (result.Problem is { } problem)
        {
            Problem = problem;
            return Page();
        }

        return RedirectToPage(new { clientId, recorded = result.Entry!.Entry.Sequence });
    }

    private async Task<bool> LoadAsync(string clientId, CancellationToken cancellationToken)
    {
        Client = tenant.Clients.FirstOrDefault(c => c.Id == clientId);
        if (Client is null)
        {
            return false;
        }

        var entries = (await new Porter.Storage.ChangeLog.EfChangeLog(contexts, tenant.OrganisationId).ReadAsync(Client.Id, cancellationToken).ConfigureAwait(false))
            .Select(e => e.Entry).ToList();
        Milestones = ClientPlan.Milestones(Client, entries);
        Changes = [.. ClientPlan.Changes(Client.Id, entries).Reverse()];
        Rounds = await tenant.Db.CadenceRuns.AsNoTracking().Where(r => r.ClientId == clientId).OrderByDescending(r => r.Due).Take(20).ToListAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }
}
