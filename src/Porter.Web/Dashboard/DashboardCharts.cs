using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Reports;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>
/// The dashboard's charts (ScottPlot, drawn on the server as SVG: no chart script in the browser, so the pages keep
/// their no-script policy): when messages arrive, answers against the promise, and the load per client.
/// </summary>
public static class DashboardCharts
{
    /// <summary>The charts, by the name in their address.</summary>
    public static readonly IReadOnlyList<string> Names = ["arrivals", "promises", "load"];

    /// <summary>How far back the charts look.</summary>
    public static readonly Duration Window = Duration.FromDays(90);

    /// <summary>The chart's SVG, or null for an unknown name.</summary>
    public static async Task<string?> DrawAsync(string name, TenantData tenant, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Instant since = now - Window;
        IQueryable<MessageRecord> recent = tenant.Db.Messages.AsNoTracking().Where(m => m.ReceivedAt >= since && m.Decision != "never_answer");
        DateTimeZone zone = tenant.Practice?.Calendar.Zone ?? DateTimeZone.Utc;
        switch (name)
        {
            case "arrivals":
            {
                var counts = new long[7, 24];
                foreach (Instant at in await recent.Select(m => m.ReceivedAt).ToListAsync(cancellationToken).ConfigureAwait(false))
                {
                    LocalDateTime local = at.InZone(zone).LocalDateTime;
                    counts[(int)local.DayOfWeek - 1, local.Hour]++;
                }

                return Charts.Heatmap(counts, "When messages arrive (last 90 days)");
            }

            case "promises":
            {
                var answered = await recent.Where(m => m.Deadline != null)
                    .Select(m => new
                    {
                        Client = m.ClientId ?? "(not a client)",
                        m.Deadline,
                        Reply = tenant.Db.Actions.Where(a => a.MessageRecordId == m.Id && a.Kind == "send_reply").Min(a => (Instant?)a.DueAt),
                    })
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                // Answered on time: a reply went (or is set to go) out by the deadline; still open past it counts as late.
                var bars = answered.GroupBy(a => a.Client).OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => (g.Key, 100.0 * g.Count(a => a.Reply is { } r ? r <= a.Deadline : a.Deadline >= now) / g.Count()))
                    .ToList();
                return Charts.Bars(bars, "Answered within the promise, per client (last 90 days)", "% on time");
            }

            case "load":
            {
                var load = await recent.GroupBy(m => m.ClientId ?? "(not a client)").Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false);
                return Charts.Bars([.. load.OrderByDescending(l => l.Count).Select(l => (l.Key, (double)l.Count))], "Messages per client (last 90 days)", "messages");
            }

            default:
                return null;
        }
    }
}
