using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Storage;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Dashboard;

/// <summary>The clients, with the private links to their pages, their boundary signals of the last weeks, and the calendar feeds.</summary>
public sealed class ClientsModel(TenantData tenant, IDbContextFactory<PorterDb> contexts, BookingDesk desk, NodaTime.IClock clock) : PageModel
{
    /// <summary>The practice, when this instance serves the person's organisation.</summary>
    public Practice? Practice => tenant.Practice;

    /// <summary>The clients the person may see.</summary>
    public IReadOnlyList<Porter.Domain.Agreements.Client> Clients => tenant.Clients;

    /// <summary>The professionals whose feeds the person may subscribe to (and their clients' professional, in a team).</summary>
    public IReadOnlyList<Practice> Desks => tenant.Organisation is { } o ? [.. o.Practices.Where(p => tenant.Viewer.Sees(p.Professional.Id))] : [];

    /// <summary>Whether the person may add a client (not an assistant).</summary>
    public bool MayAdd => Practice is { } own && tenant.May(Porter.Application.Access.Deed.ChangeAgreement, own.Professional.Id);

    /// <summary>Each client's link token.</summary>
    public IReadOnlyDictionary<string, string> Links { get; private set; } = new Dictionary<string, string>();

    /// <summary>The secret in the feeds' addresses.</summary>
    public string FeedToken { get; private set; } = "";

    /// <summary>This service's address as the browser sees it.</summary>
    public string BaseUrl => $"{Request.Scheme}://{Request.Host}";

    /// <summary>Each visible client's boundary signals over the last weeks, by client id (clients without any are absent).</summary>
    public IReadOnlyDictionary<string, Porter.Domain.Signals.ClientPattern> Patterns { get; private set; } = new Dictionary<string, Porter.Domain.Signals.ClientPattern>();

    /// <summary>What was just saved, in words.</summary>
    public string? Saved { get; private set; }

    /// <summary>Reads the links.</summary>
    public async Task OnGetAsync(string? saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        if (Practice is not null)
        {
            // A client added in the settings gets its link now.
            await desk.EnsureLinksAsync(cancellationToken).ConfigureAwait(false);
        }

        Links = await BookingDesk.LinksAsync(tenant.Db, cancellationToken).ConfigureAwait(false);
        NodaTime.Instant now = clock.GetCurrentInstant();
        NodaTime.Instant since = now - NodaTime.Duration.FromDays(7 * Porter.Domain.Signals.SignalPatterns.Weeks);
        var seen = await tenant.Db.Messages.AsNoTracking()
            .Where(m => m.ClientId != null && m.ReceivedAt >= since && m.Signals != "")
            .Select(m => new { m.ClientId, m.ReceivedAt, m.Signals })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byName = Porter.Domain.Decisions.SignalNames.All.ToDictionary(s => s.Name(), StringComparer.Ordinal);
        Patterns = Porter.Domain.Signals.SignalPatterns.Of(
            seen.Select(m => (m.ClientId!, m.ReceivedAt, (IReadOnlyCollection<Porter.Domain.Decisions.SignalKind>)[.. m.Signals.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(byName.ContainsKey).Select(n => byName[n])])),
            now, Practice?.Calendar.Zone ?? NodaTime.DateTimeZone.Utc).ToDictionary(p => p.ClientId, StringComparer.Ordinal);
        if (Practice is not null)
        {
            // An owner's token opens every professional's feeds; the others' open their professional's only.
            FeedToken = await DashboardStartup.FeedTokenAsync(contexts, cancellationToken, tenant.Viewer.SeesAll ? null : Practice.Professional.Id).ConfigureAwait(false);
        }
    }
}
