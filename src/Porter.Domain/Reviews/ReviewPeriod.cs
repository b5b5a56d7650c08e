using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Porter.Domain.Reviews;

/// <summary>What a review looks at, and how often it comes round.</summary>
public enum ReviewKind
{
    /// <summary>Communication style, monthly: after-hours pressure, channels, boundary signals, scope.</summary>
    Communication,

    /// <summary>Response times, every two weeks: promises kept per client and channel.</summary>
    ResponseTimes,

    /// <summary>Availability, quarterly: when messages arrive, the overlap with each client's hours, load against what is included.</summary>
    Availability,
}

/// <summary>The names reviews go by in addresses and stored data.</summary>
public static class ReviewKinds
{
    /// <summary>Every kind, in order.</summary>
    public static IReadOnlyList<ReviewKind> All { get; } = Enum.GetValues<ReviewKind>();

    /// <summary>The kind's name in addresses: <c>communication</c>, <c>response-times</c>, <c>availability</c>.</summary>
    public static string Name(this ReviewKind kind) => kind switch
    {
        ReviewKind.Communication => "communication",
        ReviewKind.ResponseTimes => "response-times",
        ReviewKind.Availability => "availability",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a review"),
    };

    /// <summary>The kind's title: "Communication style (monthly)".</summary>
    public static string Title(this ReviewKind kind) => kind switch
    {
        ReviewKind.Communication => "Communication style (monthly)",
        ReviewKind.ResponseTimes => "Response times (every two weeks)",
        ReviewKind.Availability => "Availability (quarterly)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a review"),
    };

    /// <summary>Reads a kind's name; false for anything else.</summary>
    public static bool TryParse(string? name, out ReviewKind kind)
    {
        foreach (ReviewKind k in All)
        {
            if (string.Equals(k.Name(), name, StringComparison.Ordinal))
            {
                kind = k;
                return true;
            }
        }

        kind = default;
        return false;
    }
}

/// <summary>
/// The dates a review covers, in the professional's zone: a calendar month (communication), two weeks from a Monday
/// (response times; the fortnights count from Monday 1 January 2024, so every instance and every year agree on them),
/// or a calendar quarter (availability).
/// </summary>
/// <param name="Kind">The review.</param>
/// <param name="Start">The first day.</param>
/// <param name="End">The day after the last.</param>
public sealed record ReviewPeriod(ReviewKind Kind, LocalDate Start, LocalDate End)
{
    /// <summary>The Monday the fortnights count from.</summary>
    public static readonly LocalDate FortnightAnchor = new(2024, 1, 1);

    /// <summary>The period of <paramref name="kind"/> that holds <paramref name="date"/>.</summary>
    public static ReviewPeriod Containing(ReviewKind kind, LocalDate date)
    {
        switch (kind)
        {
            case ReviewKind.Communication:
            {
                var start = new LocalDate(date.Year, date.Month, 1);
                return new ReviewPeriod(kind, start, start.PlusMonths(1));
            }

            case ReviewKind.ResponseTimes:
            {
                int days = Period.DaysBetween(FortnightAnchor, date);
                int offset = ((days % 14) + 14) % 14;
                LocalDate start = date.PlusDays(-offset);
                return new ReviewPeriod(kind, start, start.PlusDays(14));
            }

            case ReviewKind.Availability:
            {
                var start = new LocalDate(date.Year, (((date.Month - 1) / 3) * 3) + 1, 1);
                return new ReviewPeriod(kind, start, start.PlusMonths(3));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a review");
        }
    }

    /// <summary>The last period of <paramref name="kind"/> that has ended by <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static ReviewPeriod LastEnded(ReviewKind kind, Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Containing(kind, now.InZone(zone).Date).Previous;
    }

    /// <summary>Reads a period from its kind and first day (<c>2026-11-01</c>); null when the day does not start a period of that kind.</summary>
    public static ReviewPeriod? Parse(ReviewKind kind, string? start)
    {
        ParseResult<LocalDate> parsed = LocalDatePattern.Iso.Parse(start ?? "");
        if (!parsed.Success)
        {
            return null;
        }

        ReviewPeriod period = Containing(kind, parsed.Value);
        return period.Start == parsed.Value ? period : null;
    }

    /// <summary>The period before this one.</summary>
    public ReviewPeriod Previous => Containing(Kind, Start.PlusDays(-1));

    /// <summary>How many days it covers.</summary>
    public int Days => Period.DaysBetween(Start, End);

    /// <summary>Its first day as in addresses: <c>2026-11-01</c>.</summary>
    public string Key => LocalDatePattern.Iso.Format(Start);

    /// <summary>The instants it covers in <paramref name="zone"/>: from the start of its first day to the start of the day after its last.</summary>
    public Interval In(DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new Interval(zone.AtStartOfDay(Start).ToInstant(), zone.AtStartOfDay(End).ToInstant());
    }

    /// <summary>In words: "November 2026", "16 November to 29 November 2026", "Q4 2026 (October to December)".</summary>
    public override string ToString()
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        LocalDate last = End.PlusDays(-1);
        return Kind switch
        {
            ReviewKind.Communication => Start.ToString("MMMM yyyy", c),
            ReviewKind.ResponseTimes => $"{Start.ToString("d MMMM", c)} to {last.ToString("d MMMM yyyy", c)}",
            _ => $"Q{((Start.Month - 1) / 3) + 1} {Start.Year} ({Start.ToString("MMMM", c)} to {last.ToString("MMMM", c)})",
        };
    }
}
