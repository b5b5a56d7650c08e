using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Scheduling;

namespace Porter.Domain.Reviews;

/// <summary>A message of the period, as a review reads it.</summary>
/// <param name="ClientId">The client who wrote, or null for senders who are not clients.</param>
/// <param name="Channel">The channel it came in on.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="Signals">What the decision noticed in it.</param>
/// <param name="Deadline">When an answer was due, if one was promised.</param>
/// <param name="AnsweredAt">When the client got (or gets) the first answer, if they did.</param>
/// <param name="Logged">The working time the professional logged on it.</param>
public sealed record ReviewMessage(string? ClientId, string Channel, Instant ReceivedAt, IReadOnlySet<SignalKind> Signals, Instant? Deadline, Instant? AnsweredAt, Duration Logged);

/// <summary>A meeting booked with a client in the period.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Start">When it starts.</param>
/// <param name="End">When it ends.</param>
public sealed record ReviewMeeting(string ClientId, Instant Start, Instant End);

/// <summary>How one client's promises on one channel fared.</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Promise">The response time promised on it, in business time; null where nothing is promised.</param>
/// <param name="Settled">Messages answered, or unanswered past their deadline.</param>
/// <param name="OnTime">Answered by the deadline.</param>
/// <param name="Typical">Half the answered messages were answered within this business time (the median); null when none was answered.</param>
/// <param name="Most">Four in five were answered within this business time (the 80th percentile); null when none was answered.</param>
public sealed record ChannelFigures(string Channel, Duration? Promise, int Settled, int OnTime, Duration? Typical, Duration? Most)
{
    /// <summary>The share answered on time, 0 to 1; null when nothing is settled (nothing answered is not "100 % on time").</summary>
    public double? Kept => Settled == 0 ? null : (double)OnTime / Settled;
}

/// <summary>One client's figures for the period.</summary>
/// <param name="ClientId">The client, or null for senders who are not clients.</param>
/// <param name="Name">The client's name ("Not a client" for the rest).</param>
/// <param name="Messages">Messages received.</param>
/// <param name="AfterHours">Of those, arrived outside the professional's hours (by the calendar at the time they arrived, or decided so: away, off).</param>
/// <param name="Signals">How many messages showed each signal.</param>
/// <param name="Channels">Promises per channel (channels with messages that had a deadline).</param>
/// <param name="Logged">Working time logged on their messages.</param>
/// <param name="Meetings">Time in meetings booked with them.</param>
/// <param name="Allowance">The working time their agreement includes for the period (the month's hours, pro rata); null when none is agreed.</param>
/// <param name="OverlapPerDay">How long, on an average working day of the period, the professional's hours and the client's own overlap; null for senders who are not clients.</param>
public sealed record ClientFigures(
    string? ClientId,
    string Name,
    int Messages,
    int AfterHours,
    ImmutableDictionary<SignalKind, int> Signals,
    ImmutableArray<ChannelFigures> Channels,
    Duration Logged,
    Duration Meetings,
    Duration? Allowance,
    Duration? OverlapPerDay)
{
    /// <summary>The share of messages outside the professional's hours, 0 to 1 (0 when there were none).</summary>
    public double AfterHoursShare => Messages == 0 ? 0 : (double)AfterHours / Messages;

    /// <summary>The load in working time: time logged on their messages and in meetings with them.</summary>
    public Duration Load => Logged + Meetings;

    /// <summary>Messages answered, or unanswered past their deadline, on every channel.</summary>
    public int Settled => Channels.Sum(c => c.Settled);

    /// <summary>Answered by the deadline, on every channel.</summary>
    public int OnTime => Channels.Sum(c => c.OnTime);

    /// <summary>How many messages showed <paramref name="signal"/>.</summary>
    public int Count(SignalKind signal) => Signals.GetValueOrDefault(signal);
}

/// <summary>A change to an agreement (or to how it is kept) that the figures suggest, and why.</summary>
/// <param name="ClientId">The client it concerns, or null for the practice as a whole.</param>
/// <param name="Text">What to change.</param>
/// <param name="Because">The figures that suggest it.</param>
public sealed record Suggestion(string? ClientId, string Text, string Because);

/// <summary>
/// A review of a period: per client, the after-hours share, the promises kept per channel, the boundary signals and the
/// load in working time against what the agreement includes; when messages arrived; and the changes to the agreements
/// the figures suggest (<see cref="ReviewSuggestions"/>). Pure: the messages and meetings are read by the caller.
/// </summary>
public sealed class Review
{
    private Review(ReviewPeriod period, Instant asOf, ImmutableArray<ClientFigures> clients, long[,] arrivals, ImmutableArray<Suggestion> suggestions)
    {
        Period = period;
        AsOf = asOf;
        Clients = clients;
        this.arrivals = arrivals;
        Suggestions = suggestions;
    }

    private readonly long[,] arrivals;

    /// <summary>The period.</summary>
    public ReviewPeriod Period { get; }

    /// <summary>The moment the figures stand at (the end of the period, or now while it runs).</summary>
    public Instant AsOf { get; }

    /// <summary>Every client of the practice (those without messages too, for their overlap and allowance), then senders who are not clients, if any wrote.</summary>
    public ImmutableArray<ClientFigures> Clients { get; }

    /// <summary>The suggested changes, the review's own first.</summary>
    public ImmutableArray<Suggestion> Suggestions { get; }

    /// <summary>Messages in the period.</summary>
    public int Messages => Clients.Sum(c => c.Messages);

    /// <summary>Of those, outside the professional's hours.</summary>
    public int AfterHours => Clients.Sum(c => c.AfterHours);

    /// <summary>Arrivals per weekday (Monday first) and hour, in the professional's zone: a copy.</summary>
    public long[,] Arrivals => (long[,])arrivals.Clone();

    /// <summary>Builds the review of <paramref name="period"/> for <paramref name="practice"/> from its messages and meetings (those outside the period are left out).</summary>
    /// <param name="period">The period.</param>
    /// <param name="practice">The professional's practice (their hours, their clients' agreements).</param>
    /// <param name="messages">The professional's messages; the caller may pass more, only the period's count.</param>
    /// <param name="meetings">The professional's booked meetings.</param>
    /// <param name="now">Now: a deadline not yet passed is not yet settled.</param>
    public static Review Of(ReviewPeriod period, Practice practice, IEnumerable<ReviewMessage> messages, IEnumerable<ReviewMeeting> meetings, Instant now)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(meetings);
        DateTimeZone zone = practice.Calendar.Zone;
        Interval span = period.In(zone);
        Instant asOf = now < span.End ? now : span.End;
        var arrivals = new long[7, 24];
        var inPeriod = messages.Where(m => span.Contains(m.ReceivedAt)).ToList();
        foreach (ReviewMessage m in inPeriod)
        {
            LocalDateTime local = m.ReceivedAt.InZone(zone).LocalDateTime;
            arrivals[(int)local.DayOfWeek - 1, local.Hour]++;
        }

        ILookup<string, ReviewMeeting> meetingsByClient = meetings.Where(b => b.Start < span.End && b.End > span.Start).ToLookup(b => b.ClientId, StringComparer.Ordinal);
        ILookup<string, ReviewMessage> byClient = inPeriod.ToLookup(m => m.ClientId ?? "", StringComparer.Ordinal);
        var figures = new List<ClientFigures>();
        foreach (Client client in practice.Clients)
        {
            figures.Add(Figures(client.Id, client.Name, client, byClient[client.Id], meetingsByClient[client.Id], period, practice, asOf));
        }

        if (byClient[""].Any())
        {
            figures.Add(Figures(null, "Not a client", null, byClient[""], [], period, practice, asOf));
        }

        var review = new Review(period, asOf, [.. figures], arrivals, []);
        return new Review(period, asOf, review.Clients, arrivals, [.. ReviewSuggestions.For(review, practice)]);
    }

    private static ClientFigures Figures(string? id, string name, Client? client, IEnumerable<ReviewMessage> messages, IEnumerable<ReviewMeeting> meetings, ReviewPeriod period, Practice practice, Instant asOf)
    {
        var list = messages.ToList();
        var signals = SignalNames.All
            .Select(s => (Signal: s, Count: list.Count(m => m.Signals.Contains(s))))
            .Where(s => s.Count > 0)
            .ToImmutableDictionary(s => s.Signal, s => s.Count);
        var channels = list.Where(m => m.Deadline is not null)
            .GroupBy(m => m.Channel, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Channel(g.Key, (client?.ChannelFor(g.Key) ?? practice.DefaultChannels.FirstOrDefault(c => string.Equals(c.Channel, g.Key, StringComparison.OrdinalIgnoreCase)))?.Promise, g, practice, asOf))
            .ToImmutableArray();
        Duration logged = list.Aggregate(Duration.Zero, (sum, m) => sum + m.Logged);
        Interval span = period.In(practice.Calendar.Zone);
        Duration inMeetings = meetings.Aggregate(Duration.Zero, (sum, b) => sum + (Min(b.End, span.End) - Max(b.Start, span.Start)));
        Duration? allowance = client?.MonthlyHours is { } monthly ? Duration.FromMinutes(Math.Round(monthly.TotalMinutes * period.Days / AverageMonthDays)) : null;
        // After hours: arrived when the professional does not work by today's calendar, or decided so (away, off).
        int afterHours = list.Count(m => m.Signals.Contains(SignalKind.AfterHours) || !practice.Calendar.IsOpen(m.ReceivedAt));
        return new ClientFigures(id, name, list.Count, afterHours, signals, channels, logged, inMeetings, allowance, client is null ? null : OverlapPerDay(practice, client, span));
    }

    /// <summary>Days in an average month of the Gregorian calendar: a month's hours pro rata.</summary>
    private const double AverageMonthDays = 365.2425 / 12;

    private static ChannelFigures Channel(string channel, Duration? promise, IEnumerable<ReviewMessage> messages, Practice practice, Instant asOf)
    {
        int settled = 0, onTime = 0;
        var times = new List<Duration>();
        foreach (ReviewMessage m in messages)
        {
            // Answered: a reply sent, or set to go (as the reports count it: the client gets it then).
            bool answered = m.AnsweredAt is not null;
            if (answered || m.Deadline < asOf)
            {
                settled++;
            }

            if (answered && m.AnsweredAt <= m.Deadline)
            {
                onTime++;
            }

            if (answered)
            {
                times.Add(practice.Calendar.BusinessTimeBetween(m.ReceivedAt, m.AnsweredAt!.Value));
            }
        }

        times.Sort();
        return new ChannelFigures(channel, promise, settled, onTime, Percentile(times, 0.5), Percentile(times, 0.8));
    }

    /// <summary>The nearest-rank percentile of sorted times; null for none.</summary>
    private static Duration? Percentile(List<Duration> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>The professional's working time in the period that falls in the client's own hours, per day the professional works.</summary>
    private static Duration OverlapPerDay(Practice practice, Client client, Interval span)
    {
        BusinessCalendar theirs = practice.CalendarOf(client);
        Duration overlap = Duration.Zero;
        var days = new HashSet<LocalDate>();
        foreach (Interval mine in practice.Calendar.OpenIntervals(span))
        {
            days.Add(mine.Start.InZone(practice.Calendar.Zone).Date);
            foreach (Interval both in theirs.OpenIntervals(mine))
            {
                overlap += both.Duration;
            }
        }

        return days.Count == 0 ? Duration.Zero : Duration.FromMinutes(Math.Round(overlap.TotalMinutes / days.Count));
    }

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;
}
