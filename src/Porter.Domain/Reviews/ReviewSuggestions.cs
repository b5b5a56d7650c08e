using System.Globalization;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Scheduling;

namespace Porter.Domain.Reviews;

/// <summary>
/// The changes to an agreement that a review's figures suggest, each with the figures behind it. Each review suggests
/// on its own subject: communication style (after-hours pressure, channels, personal contact, scope, plan changes),
/// response times (a promise kept too rarely), availability (too little overlap with a client's hours, load beyond
/// what is included). A handful of messages suggests nothing: every rule wants a few of them first.
/// </summary>
public static class ReviewSuggestions
{
    /// <summary>After-hours messages suggest a reminder from this share of a client's messages (and <see cref="Few"/> of them).</summary>
    public const double AfterHoursShare = 0.25;

    /// <summary>A promise is called kept too rarely below this share on time.</summary>
    public const double KeptShare = 0.8;

    /// <summary>The fewest messages that suggest anything.</summary>
    public const int Few = 3;

    /// <summary>A client's hours are called too far from the professional's below this overlap on an average working day.</summary>
    public static readonly Duration ShortOverlap = Duration.FromHours(2);

    /// <summary>The suggestions of <paramref name="review"/>'s kind.</summary>
    public static IEnumerable<Suggestion> For(Review review, Practice practice)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(practice);
        foreach (ClientFigures client in review.Clients.Where(c => c.ClientId is not null))
        {
            Client agreement = practice.Clients.First(c => c.Id == client.ClientId);
            IEnumerable<Suggestion> suggestions = review.Period.Kind switch
            {
                ReviewKind.Communication => Communication(client, agreement),
                ReviewKind.ResponseTimes => ResponseTimes(client),
                _ => Availability(client, agreement),
            };
            foreach (Suggestion suggestion in suggestions)
            {
                yield return suggestion;
            }
        }
    }

    private static IEnumerable<Suggestion> Communication(ClientFigures client, Client agreement)
    {
        if (client.AfterHours >= Few && client.AfterHoursShare >= AfterHoursShare)
        {
            string urgent = agreement.ChannelWithRole(ChannelRole.Urgent) is { } u ? $", and that urgent matters go by {u.Channel}" : "";
            yield return new Suggestion(client.ClientId, $"Remind {client.Name} of your working hours{urgent}.",
                $"{client.AfterHours} of {client.Messages} messages ({Percent(client.AfterHoursShare)}) arrived outside your hours.");
        }

        int wrong = client.Count(SignalKind.WrongChannel);
        if (wrong >= Few)
        {
            yield return new Suggestion(client.ClientId, $"Agree again with {client.Name} which channel is for what, or change the agreement to the channels they use.",
                $"{wrong} messages came on a channel not agreed for them.");
        }

        int personal = client.Count(SignalKind.PersonalInfoRequest) + client.Count(SignalKind.PersonalSocialContact);
        if (personal >= 2)
        {
            yield return new Suggestion(client.ClientId, $"Talk with {client.Name} about keeping to work channels and work matters; the gentle replies in the composer help.",
                $"{personal} messages asked for personal information or personal social-media contact.");
        }

        int outOfScope = client.Count(SignalKind.OutOfScope);
        if (outOfScope >= Few)
        {
            yield return new Suggestion(client.ClientId, $"Discuss the scope with {client.Name}: add what they keep asking for (and its price), or agree that such requests are separate work.",
                $"{outOfScope} requests were beyond the agreed scope.");
        }

        int changes = client.Count(SignalKind.PlanChange);
        if (changes >= Few)
        {
            yield return new Suggestion(client.ClientId, $"Review the plan and its milestones with {client.Name}.",
                $"{changes} messages changed the agreed plan.");
        }
    }

    private static IEnumerable<Suggestion> ResponseTimes(ClientFigures client)
    {
        foreach (ChannelFigures channel in client.Channels)
        {
            if (channel.Promise is not { } promise || channel.Settled < Few || channel.Kept is not { } kept || kept >= KeptShare)
            {
                continue;
            }

            // Four in five answered within this: promise it, in whole working hours, at least an hour more than now.
            Duration most = channel.Most ?? promise;
            Duration proposed = Duration.FromHours(Math.Max(Math.Ceiling(most.TotalHours), Math.Ceiling(promise.TotalHours) + 1));
            string within = channel.Most is { } m ? $"; four in five were answered within {Spans.Of(m)} of working time" : "";
            yield return new Suggestion(client.ClientId,
                $"Promise {client.Name} answers on {channel.Channel} within {Spans.Of(proposed)} instead of {Spans.Of(promise)}, or set time aside to keep the promise.",
                $"{channel.OnTime} of {channel.Settled} answered within the promise ({Percent(kept)}){within}.");
        }
    }

    private static IEnumerable<Suggestion> Availability(ClientFigures client, Client agreement)
    {
        if (client.OverlapPerDay is { } overlap && overlap < ShortOverlap && client.Messages >= Few)
        {
            string hours = agreement.Hours is null ? " (their hours are not in the agreement: Porter assumes 08:00 to 20:00 in their zone)" : "";
            yield return new Suggestion(client.ClientId,
                $"Agree a daily window with {client.Name} when both of you work, for questions and calls, and say in the agreement that the rest waits for it{hours}.",
                $"Your hours and theirs overlap by {Spans.Of(overlap)} on an average working day; {client.AfterHours} of {client.Messages} messages arrived outside your hours.");
        }

        if (client.Allowance is { } allowance && client.Load > allowance)
        {
            Duration monthly = agreement.MonthlyHours ?? allowance;
            double over = client.Load / allowance;
            Duration proposed = Duration.FromHours(Math.Ceiling(monthly.TotalHours * over));
            yield return new Suggestion(client.ClientId,
                $"Raise the time included for {client.Name} from {Spans.Of(monthly)} to {Spans.Of(proposed)} a month, or agree with them what waits.",
                $"Their load was {Spans.Of(client.Load)} ({Spans.Of(client.Logged)} logged on messages, {Spans.Of(client.Meetings)} in meetings) against {Spans.Of(allowance)} included for the period.");
        }
    }

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + " %";
}
