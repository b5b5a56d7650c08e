using NodaTime;
using Porter.Application.Reviews;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Domain.Reviews;

namespace Porter.Application.Tests.Reviews;

/// <summary>Which reviews have come round: the periods just ended, mailed in the professional's first working moment; stale ones are not mailed.</summary>
public class ReviewsDueTests
{
    private static readonly Organisation Studio = ConfigReader.Parse("""
        {
          "professional": { "name": "Sam", "addresses": ["sam@studio.example"] },
          "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "fri": ["09:00-17:00"] } },
          "clients": [ { "id": "acme", "name": "Acme", "contacts": [{ "emails": ["a@acme.example"] }] } ]
        }
        """, "porter.json", new Dictionary<string, string>(), DateTimeZoneProviders.Tzdb).ToOrganisation();

    [Fact]
    public void TheFortnightJustEnded_IsDue_AtTheNextWorkingMoment()
    {
        // Sunday 29 November 23:59 nothing has ended yet that is fresh; Monday 30 November 00:30 the fortnight has.
        Assert.Empty(Porter.Application.Reviews.Reviews.Due(Studio, Instant.FromUtc(2026, 11, 29, 23, 59)));
        DueReview due = Assert.Single(Porter.Application.Reviews.Reviews.Due(Studio, Instant.FromUtc(2026, 11, 30, 0, 30)));
        Assert.Equal((ReviewKind.ResponseTimes, new LocalDate(2026, 11, 16)), (due.Period.Kind, due.Period.Start));
        Assert.Equal(Instant.FromUtc(2026, 11, 30, 9, 0), due.SendAt);
    }

    [Fact]
    public void November_EndsOnATuesday_AndIsDueThreeDaysLong_NotAfter()
    {
        DueReview[] due = [.. Porter.Application.Reviews.Reviews.Due(Studio, Instant.FromUtc(2026, 12, 1, 8, 0))];
        Assert.Equal([ReviewKind.Communication, ReviewKind.ResponseTimes], due.Select(d => d.Period.Kind));
        Assert.Equal(Instant.FromUtc(2026, 12, 1, 9, 0), due[0].SendAt);

        // Friday 4 December 00:00 is three days after: still due (a Porter down over the weekend catches up); a minute later, no more.
        Assert.Contains(Porter.Application.Reviews.Reviews.Due(Studio, Instant.FromUtc(2026, 12, 4, 0, 0)), d => d.Period.Kind == ReviewKind.Communication);
        Assert.DoesNotContain(Porter.Application.Reviews.Reviews.Due(Studio, Instant.FromUtc(2026, 12, 4, 0, 1)), d => d.Period.Kind == ReviewKind.Communication);
    }
}
