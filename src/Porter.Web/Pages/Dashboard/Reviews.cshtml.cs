using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Reviews;
using Porter.Reports;
using Porter.Storage.Reviews;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Dashboard;

/// <summary>
/// The reviews of the agreements on their cadence: communication style monthly, response times every two weeks,
/// availability quarterly. Without a period, the list of periods (the one running, so far, and those before); with one,
/// its figures per client, its charts (SVG, drawn on the server) and the changes to the agreements they suggest. An
/// owner picks the professional (<c>?professional=ID</c>); everyone else sees their own professional's.
/// </summary>
public sealed class ReviewsModel(TenantData tenant, IClock clock) : PracticePageModel(tenant)
{
    /// <summary>How many periods of each kind the list offers, the running one included.</summary>
    public const int Listed = 6;

    /// <summary>The practice reviewed.</summary>
    public Practice Practice { get; private set; } = null!;

    /// <summary>The practices an owner may pick from (one for everyone else).</summary>
    public IReadOnlyList<Practice> Choices { get; private set; } = [];

    /// <summary>Per kind, the periods offered, newest first (the first is running).</summary>
    public IReadOnlyList<(ReviewKind Kind, IReadOnlyList<ReviewPeriod> Periods)> Periods { get; private set; } = [];

    /// <summary>The review shown, when a period is asked for.</summary>
    public Review? Review { get; private set; }

    /// <summary>Whether the period is still running (its figures are so far).</summary>
    public bool Running { get; private set; }

    /// <summary>The query string that keeps the professional picked, for links.</summary>
    public string Query => Choices.Count > 1 ? $"?professional={Uri.EscapeDataString(Practice.Professional.Id)}" : "";

    /// <summary>A chart of the review as a data: address (the pages allow images from data:, and need no script).</summary>
    public string ChartSource(string name) =>
        "data:image/svg+xml;base64," + Convert.ToBase64String(ReviewReport.Chart(Review!, name, ChartFormat.Svg)!);

    /// <summary>The list of periods, or one review.</summary>
    public async Task<IActionResult> OnGetAsync(string? kind, string? start, string? professional, CancellationToken cancellationToken)
    {
        Organisation organisation = Tenant.Organisation!;
        Choices = Tenant.Viewer.SeesAll ? organisation.Practices : [Tenant.Practice!];
        Practice? chosen = professional is { Length: > 0 } id ? Choices.FirstOrDefault(p => p.Professional.Id == id) : Tenant.Practice;
        if (chosen is null)
        {
            return NotFound();
        }

        Practice = chosen;
        Instant now = clock.GetCurrentInstant();
        DateTimeZone zone = Practice.Calendar.Zone;
        if (kind is null)
        {
            Periods = [.. ReviewKinds.All.Select(k => (k, (IReadOnlyList<ReviewPeriod>)Last(ReviewPeriod.Containing(k, now.InZone(zone).Date))))];
            return Page();
        }

        if (!ReviewKinds.TryParse(kind, out ReviewKind reviewKind) || ReviewPeriod.Parse(reviewKind, start) is not { } period || period.In(zone).Start > now)
        {
            return NotFound();
        }

        Running = period.In(zone).End > now;
        Review = await Porter.Application.Reviews.Reviews.OfAsync(new EfReviewSource(Tenant.Db), organisation, Practice, period, now, cancellationToken).ConfigureAwait(false);
        return Page();
    }

    private static List<ReviewPeriod> Last(ReviewPeriod running)
    {
        var periods = new List<ReviewPeriod> { running };
        while (periods.Count < Listed)
        {
            periods.Add(periods[^1].Previous);
        }

        return periods;
    }
}
