using NodaTime;
using Porter.Application.Rhythms;
using Porter.Configuration;
using Porter.Domain.Agreements;

namespace Porter.Application.Tests.Rhythms;

/// <summary>The next round of each agreed rhythm, and when its mail goes: a reminder in the professional's hours, anything to the client in theirs too.</summary>
public class RhythmsTests
{
    [Fact]
    public void EachSchedule_HasItsNextRound_SentInTheRightHours()
    {
        Organisation organisation = ConfigReader.Parse("""
            {
              "professional": { "name": "Sam", "addresses": ["sam@studio.example"] },
              "availability": { "timeZone": "Europe/London", "weekly": { "mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"] } },
              "clients": [
                { "id": "acme", "name": "Acme", "timeZone": "America/New_York", "contacts": [{ "emails": ["a@acme.example"] }],
                  "checkInSchedule": { "every": "1w", "on": "mon", "at": "08:00", "send": "message", "message": "Hello!" },
                  "feedbackSchedule": { "every": "1w", "on": "tue", "at": "10:00" } },
                { "id": "quiet", "name": "Quiet", "contacts": [{ "emails": ["q@quiet.example"] }] }
              ]
            }
            """, "porter.json", new Dictionary<string, string>(), DateTimeZoneProviders.Tzdb).ToOrganisation();

        NextRound[] rounds = [.. Porter.Application.Rhythms.Rhythms.Next(organisation, Instant.FromUtc(2026, 11, 20, 12, 0))];

        Assert.Equal(2, rounds.Length);
        NextRound checkIn = Assert.Single(rounds, r => r.Kind == RhythmKind.CheckIn);
        // Monday 08:00 London: before Sam's hours and 03:00 in New York; the message goes when both work: 13:00 London, 08:00 New York.
        Assert.Equal((Instant.FromUtc(2026, 11, 23, 8, 0), Instant.FromUtc(2026, 11, 23, 13, 0)), (checkIn.Due, checkIn.SendAt));
        NextRound feedback = Assert.Single(rounds, r => r.Kind == RhythmKind.Feedback);
        Assert.Equal((Instant.FromUtc(2026, 11, 24, 10, 0), Instant.FromUtc(2026, 11, 24, 13, 0)), (feedback.Due, feedback.SendAt));
        Assert.StartsWith("How is our work together going?", feedback.Question, StringComparison.Ordinal);
    }
}
