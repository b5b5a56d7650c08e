using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Reports;
using Porter.Storage.Messages;

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

    /// <summary>The chart's SVG, or null for an unknown name. The figures are aggregated by the database (<see cref="MessageReports"/>); a request that is abandoned stops its query.</summary>
    public static async Task<string?> DrawAsync(string name, TenantData tenant, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Instant since = now - Window;
        DateTimeZone zone = tenant.Practice?.Calendar.Zone ?? DateTimeZone.Utc;
        switch (name)
        {
            case "arrivals":
            {
                var counts = new long[7, 24];
                foreach ((Instant start, long count) in await MessageReports.ArrivalsAsync(tenant.Db, since, cancellationToken).ConfigureAwait(false))
                {
                    // Quarter hours: every zone's offset is whole quarters, so each falls in one local hour.
                    LocalDateTime local = start.InZone(zone).LocalDateTime;
                    counts[(int)local.DayOfWeek - 1, local.Hour] += count;
                }

                return Charts.Heatmap(counts, "When messages arrive (last 90 days)");
            }

            case "promises":
            {
                // On time: answered (a reply sent, or set to go, or marked answered) by the deadline. Only settled
                // messages count: answered, or unanswered past the deadline; a client with none settled has no bar
                // (nothing answered yet is not "100 % on time").
                IReadOnlyList<PromiseCount> promises = await MessageReports.PromisesAsync(tenant.Db, since, now, cancellationToken).ConfigureAwait(false);
                var bars = promises.Where(p => p.Settled > 0)
                    .Select(p => (Label: p.ClientId ?? "(not a client)", Value: 100.0 * p.OnTime / p.Settled))
                    .OrderBy(b => b.Label, StringComparer.Ordinal)
                    .ToList();
                return Charts.Bars(bars, "Answered within the promise, per client (last 90 days)", "% on time");
            }

            case "load":
            {
                IReadOnlyList<LoadCount> load = await MessageReports.LoadAsync(tenant.Db, since, cancellationToken).ConfigureAwait(false);
                return Charts.Bars([.. load.OrderByDescending(l => l.Count).Select(l => (l.ClientId ?? "(not a client)", (double)l.Count))], "Messages per client (last 90 days)", "messages");
            }

            default:
                return null;
        }
    }
}
