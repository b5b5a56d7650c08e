using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Client;

/// <summary>
/// The client's page, "how we work together": the professional's hours in the client's zone (or one they choose),
/// the channels and what each is for, response times, check-ins, feedback, milestones and scope. No login: the
/// link's token is the key; an unknown token answers 404.
/// </summary>
[AllowAnonymous]
public sealed class AgreementModel(BookingDesk desk, IDateTimeZoneProvider zones, IClock clock) : ClientPage(desk, zones)
{
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
        return Page();
    }
}
