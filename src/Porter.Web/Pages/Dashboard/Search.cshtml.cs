using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Porter.Domain.Decisions;
using Porter.Storage.Messages;
using Porter.Storage.Model;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Dashboard;

/// <summary>
/// Search: words in subjects, bodies and senders (full text, stemmed), filtered by client, signal, decision and status;
/// newest first. Only what the person may see is searched (the organisation's and the desk's filters).
/// </summary>
public sealed class SearchModel(TenantData tenant) : PageModel
{
    /// <summary>The decisions one can filter by.</summary>
    public static readonly IReadOnlyList<string> Decisions = ["deliver", "hold", "escalate", "never_answer"];

    /// <summary>The query as asked.</summary>
    public MessageFilter Query { get; private set; } = new(null);

    /// <summary>Whether anything was asked (an empty form shows no results).</summary>
    public bool Asked { get; private set; }

    /// <summary>The results, newest first.</summary>
    public IReadOnlyList<MessageRecord> Results { get; private set; } = [];

    /// <summary>The clients the person sees.</summary>
    public IReadOnlyList<Porter.Domain.Agreements.Client> Clients => tenant.Clients;

    /// <summary>The signals one can filter by.</summary>
    public static IEnumerable<string> Signals => SignalNames.All.Select(s => s.Name());

    /// <summary>The zone times are shown in.</summary>
    public DateTimeZone Zone => tenant.Practice?.Calendar.Zone ?? DateTimeZone.Utc;

    /// <summary>Searches.</summary>
    public async Task<IActionResult> OnGetAsync(string? q, string? client, string? signal, string? decision, string? status, CancellationToken cancellationToken)
    {
        // Unknown filter values are dropped, not passed on: each list is the page's own.
        Query = new MessageFilter(
            q is { Length: > 0 } ? (q.Length <= 500 ? q : q[..500]) : null,
            Clients.Any(c => c.Id == client) ? client : null,
            Signals.Contains(signal) ? signal : null,
            Decisions.Contains(decision) ? decision : null,
            status is "waiting" or "answered" ? status : null);
        Asked = Query != new MessageFilter(null);
        if (Asked)
        {
            Results = await MessageSearch.FindAsync(tenant.Db, Query, cancellationToken).ConfigureAwait(false);
        }

        return Page();
    }
}
