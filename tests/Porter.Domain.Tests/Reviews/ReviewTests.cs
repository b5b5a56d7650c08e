using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Reviews;
using Porter.Domain.Signals;
using Porter.Domain.Tests.Decisions;
using Porter.Domain.Tests.Scheduling;

namespace Porter.Domain.Tests.Reviews;

/// <summary>
/// A review's figures (Sam in London, Mon–Fri 09:00–17:00; Acme in New York, hours assumed 08:00–20:00 there) and the
/// changes they suggest, each rule at its threshold and just below it.
/// </summary>
public class ReviewTests
{
    private static readonly ReviewPeriod Fortnight = ReviewPeriod.Parse(ReviewKind.ResponseTimes, "2026-11-16")!;
    private static readonly ReviewPeriod November = ReviewPeriod.Parse(ReviewKind.Communication, "2026-11-01")!;
    private static readonly ReviewPeriod Quarter = ReviewPeriod.Parse(ReviewKind.Availability, "2026-10-01")!;
    private static readonly Instant Later = Instant.FromUtc(2027, 2, 1, 12, 0);

    /// <summary>Monday 16 November 10:00 London, plus <paramref name="days"/> days.</summary>
    private static Instant Day(int days, int hour = 10) => Instant.FromUtc(2026, 11, 16 + days, hour, 0);

    private static ReviewMessage Email(Instant at, Instant? answered = null, int minutes = 0, string? client = "acme", params SignalKind[] signals) =>
        new(client, "email", at, signals.ToHashSet(), Practices.Create().Calendar.PlusBusinessTime(at, Duration.FromHours(8)), answered, Duration.FromMinutes(minutes));

    private static Practice With(Client acme) =>
        new(
            new Professional("Sam Rivera", [Practices.Sam], [], ProfessionalStatus.Available),
            Schedules.Build("Europe/London", "mon,tue,wed,thu,fri 09:00-17:00"),
            null,
            OrganisationPolicy.Default,
            [acme],
            [new ChannelAgreement("email", ChannelRole.General, Duration.FromHours(16))],
            TextRules.Default);

    [Fact]
    public void Figures_CountAfterHours_PromisesInBusinessTime_AndNothingSettledIsNotKept()
    {
        Practice practice = Practices.Create();
        ReviewMessage[] messages =
        [
            Email(Day(0), answered: Day(0, 12)),                 // 2 working hours: on time
            Email(Day(1), answered: Day(2, 10)),                 // 8 working hours (Tue 10:00 to Wed 10:00): on time, just
            Email(Day(2, 22), answered: Day(4, 10)),             // after hours; from Thu 09:00 to Fri 10:00, 9 working hours: late
            Email(Day(3, 16)),                                   // unanswered, past its deadline: late
            Email(Day(-1)),                                      // Sunday 15 November: before the fortnight
        ];

        Review review = Review.Of(Fortnight, practice, messages, [], Later);

        ClientFigures acme = Assert.Single(review.Clients);
        Assert.Equal((4, 1), (acme.Messages, acme.AfterHours));
        ChannelFigures email = Assert.Single(acme.Channels);
        Assert.Equal((Duration.FromHours(8), 4, 2), (email.Promise, email.Settled, email.OnTime));
        Assert.Equal(Duration.FromHours(8), email.Typical);
        Assert.Equal(Duration.FromHours(9), email.Most);
        Assert.Equal(0.5, email.Kept);

        // The same messages seen on the Monday at 11:00: only the first is settled yet.
        Review early = Review.Of(Fortnight, practice, [Email(Day(0)), Email(Day(0, 9))], [], Day(0, 11));
        Assert.Null(Assert.Single(Assert.Single(early.Clients).Channels).Kept);
        Assert.Equal(Day(0, 11), early.AsOf);
    }

    [Fact]
    public void Figures_OnlyCountStrangers_WhenTheyWrote_AndArrivalsByLocalHour()
    {
        Practice practice = Practices.Create();
        Assert.Single(Review.Of(Fortnight, practice, [Email(Day(0))], [], Later).Clients);

        Review review = Review.Of(Fortnight, practice, [Email(Day(0)), Email(Day(0), client: null)], [], Later);
        Assert.Equal(["Acme Ltd", "Not a client"], review.Clients.Select(c => c.Name));
        Assert.Equal(2, review.Arrivals[0, 10]);
        Assert.Equal(2, review.Messages);
    }

    [Fact]
    public void Load_IsTimeLoggedAndMeetings_AgainstTheMonthsHoursProRata()
    {
        Practice practice = With(Practices.Acme with { MonthlyHours = Duration.FromHours(10) });
        ReviewMeeting[] meetings =
        [
            new("acme", Day(1, 14), Day(1, 15)),
            new("acme", Instant.FromUtc(2026, 11, 29, 23, 30), Instant.FromUtc(2026, 11, 30, 0, 30)), // half in the fortnight
        ];

        ClientFigures acme = Review.Of(Fortnight, practice, [Email(Day(0), Day(0, 11), minutes: 40), Email(Day(1), Day(1, 11), minutes: 20)], meetings, Later).Clients[0];

        Assert.Equal(Duration.FromHours(1), acme.Logged);
        Assert.Equal(Duration.FromMinutes(90), acme.Meetings);
        Assert.Equal(Duration.FromMinutes(150), acme.Load);
        // 10 hours a month over 14 of an average month's 30.44 days: 4h 36m.
        Assert.Equal(Duration.FromMinutes(276), acme.Allowance);
        // Sam 09:00-17:00 London, Acme 08:00-20:00 New York (13:00-01:00 London): four hours a working day.
        Assert.Equal(Duration.FromHours(4), acme.OverlapPerDay);
    }

    [Fact]
    public void Communication_SuggestsAReminderOfTheHours_FromThreeAfterHoursAndAQuarter()
    {
        Practice practice = Practices.Create();
        Review review = Review.Of(November, practice, [Email(Day(0, 21)), Email(Day(1, 21)), Email(Day(2, 21)), Email(Day(3))], [], Later);
        Suggestion suggestion = Assert.Single(review.Suggestions);
        Assert.Equal("Remind Acme Ltd of your working hours, and that urgent matters go by sms.", suggestion.Text);
        Assert.Equal("3 of 4 messages (75 %) arrived outside your hours.", suggestion.Because);

        // Two evenings are no pattern, even if they are all there was; three in thirteen are under a quarter.
        Assert.Empty(Review.Of(November, practice, [Email(Day(0, 21)), Email(Day(1, 21))], [], Later).Suggestions);
        Assert.Empty(Review.Of(November, practice, [.. Enumerable.Range(0, 3).Select(d => Email(Day(d, 21))), .. Enumerable.Range(0, 10).Select(d => Email(Day(d % 5, 11)))], [], Later).Suggestions);
    }

    [Fact]
    public void Communication_SuggestsTalks_OnChannelsScopeAndPersonalContact()
    {
        ReviewMessage[] messages =
        [
            Email(Day(0), Day(0, 11), signals: [SignalKind.WrongChannel, SignalKind.OutOfScope]),
            Email(Day(1), Day(1, 11), signals: [SignalKind.WrongChannel, SignalKind.OutOfScope, SignalKind.PersonalSocialContact]),
            Email(Day(2), Day(2, 11), signals: [SignalKind.WrongChannel, SignalKind.OutOfScope, SignalKind.PersonalInfoRequest]),
        ];

        Review review = Review.Of(November, Practices.Create(), messages, [], Later);

        Assert.Equal(
            ["3 messages came on a channel not agreed for them.", "2 messages asked for personal information or personal social-media contact.", "3 requests were beyond the agreed scope."],
            review.Suggestions.Select(s => s.Because));
        Assert.All(review.Suggestions, s => Assert.Equal("acme", s.ClientId));
        // The response-times review of the same messages suggests none of these.
        Assert.Empty(Review.Of(Fortnight, Practices.Create(), messages, [], Later).Suggestions);
    }

    [Fact]
    public void ResponseTimes_SuggestsALongerPromise_BelowFourInFiveKept()
    {
        Practice practice = Practices.Create();
        // Two of three on time (67 %): the promise of 8h becomes what four in five took, in whole hours: 9h.
        Review review = Review.Of(Fortnight, practice, [Email(Day(0), Day(0, 12)), Email(Day(1), Day(1, 12)), Email(Day(2, 22), Day(4, 10))], [], Later);
        Suggestion suggestion = Assert.Single(review.Suggestions);
        Assert.Equal("Promise Acme Ltd answers on email within 9h instead of 8h, or set time aside to keep the promise.", suggestion.Text);
        Assert.Equal("2 of 3 answered within the promise (67 %); four in five were answered within 9h of working time.", suggestion.Because);

        // Four of five (80 %) keeps the promise.
        ReviewMessage[] kept = [.. Enumerable.Range(0, 4).Select(d => Email(Day(d), Day(d, 12))), Email(Day(2, 22), Day(4, 10))];
        Assert.Empty(Review.Of(Fortnight, practice, kept, [], Later).Suggestions);
    }

    [Fact]
    public void Availability_SuggestsAWindow_WhenHoursHardlyOverlap_AndMoreTime_WhenLoadExceedsWhatIsIncluded()
    {
        // Acme in Sydney, 09:00-17:00 there: 22:00-06:00 London, no overlap with Sam's day at all.
        Client sydney = Practices.Acme with
        {
            Zone = DateTimeZoneProviders.Tzdb["Australia/Sydney"],
            Hours = Schedules.Build("Australia/Sydney", "mon,tue,wed,thu,fri 09:00-17:00"),
            MonthlyHours = Duration.FromHours(2),
        };
        Practice practice = With(sydney);
        ReviewMessage[] messages = [Email(Day(0), Day(0, 12), minutes: 300), Email(Day(1), Day(1, 12), minutes: 300), Email(Day(2), Day(2, 12), minutes: 300)];

        Review review = Review.Of(Quarter, practice, messages, [], Later);

        Assert.Equal(Duration.Zero, review.Clients[0].OverlapPerDay);
        Assert.Equal(2, review.Suggestions.Length);
        Assert.StartsWith("Agree a daily window with Acme Ltd when both of you work", review.Suggestions[0].Text, StringComparison.Ordinal);
        Assert.Equal("Your hours and theirs overlap by 0m on an average working day; 0 of 3 messages arrived outside your hours.", review.Suggestions[0].Because);
        // 15h logged against 2h a month over 92 days (6h 3m): 2h x 15/6.05, rounded up, is 5h.
        Assert.Equal("Raise the time included for Acme Ltd from 2h to 5h a month, or agree with them what waits.", review.Suggestions[1].Text);

        // Within what is included, and with the assumed hours overlapping four hours: nothing to suggest.
        Assert.Empty(Review.Of(Quarter, With(Practices.Acme with { MonthlyHours = Duration.FromHours(20) }), messages, [], Later).Suggestions);
    }
}
