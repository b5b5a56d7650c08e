using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Web.Dashboard;

namespace Porter.Web.Pages.Client;

/// <summary>What the client's pages share: the client found by the link's token, and the zone times are shown in (theirs, or one they chose).</summary>
public abstract class ClientPage(BookingDesk desk, IDateTimeZoneProvider zones) : PageModel
{
    /// <summary>The client and the practice, once found.</summary>
    public ClientView? View { get; private set; }

    /// <summary>The zone times are shown in.</summary>
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    /// <summary>Why the zone asked for was not used.</summary>
    public string? ZoneProblem { get; private set; }

    /// <summary>Zones to choose from: the client's, the professional's, UTC, and the one asked for.</summary>
    public IReadOnlyList<string> ZoneChoices { get; private set; } = [];

    /// <summary>The booking desk.</summary>
    protected BookingDesk Desk => desk;

    /// <summary>Finds the client (false: answer 404) and the zone.</summary>
    protected async Task<bool> FindAsync(string token, string? zone, CancellationToken cancellationToken)
    {
        View = await desk.FindAsync(token, cancellationToken).ConfigureAwait(false);
        if (View is null)
        {
            return false;
        }

        Zone = View.Client.Zone;
        if (!string.IsNullOrWhiteSpace(zone))
        {
            if (zones.GetZoneOrNull(zone.Trim()) is { } chosen)
            {
                Zone = chosen;
            }
            else
            {
                ZoneProblem = $"\"{zone}\" is not a time zone Porter knows (use an IANA id such as Europe/Paris); times are in {Zone.Id}.";
            }
        }

        ZoneChoices = [.. new[] { View.Client.Zone.Id, View.Practice.Calendar.Zone.Id, "UTC", Zone.Id }.Distinct(StringComparer.Ordinal)];
        ViewData["Public"] = true;
        ViewData["Brand"] = $"{View.Practice.Professional.Name} · {View.Client.Name}";
        return true;
    }

    /// <summary>The professional's working stretches in the next <paramref name="days"/> days, by day in <see cref="Zone"/>.</summary>
    protected IReadOnlyList<(string Day, IReadOnlyList<Interval> Stretches)> HoursAhead(Instant now, int days)
    {
        Practice practice = View!.Practice;
        LocalDate today = now.InZone(Zone).Date;
        var result = new List<(string, IReadOnlyList<Interval>)>();
        for (int i = 0; i < days; i++)
        {
            LocalDate date = today.PlusDays(i);
            var day = new Interval(Zone.AtStartOfDay(date).ToInstant(), Zone.AtStartOfDay(date.PlusDays(1)).ToInstant());
            result.Add((Show.Day(day.Start, Zone), [.. practice.Calendar.OpenIntervals(day)]));
        }

        return result;
    }
}
