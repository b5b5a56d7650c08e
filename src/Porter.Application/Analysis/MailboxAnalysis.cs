using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Decisions;
using Porter.Domain.Messages;

namespace Porter.Application.Analysis;

/// <summary>Counts for a group of messages: everyone, or one client.</summary>
public sealed class AnalysisTally
{
    /// <summary>Messages analysed (malformed ones are counted apart).</summary>
    public long Messages { get; private set; }

    /// <summary>Messages that arrived outside the professional's hours (automatic mail included).</summary>
    public long AfterHours { get; private set; }

    /// <summary>Decisions by kind.</summary>
    public long[] Decisions { get; } = new long[4];

    /// <summary>Messages whose sender would have been reminded of the agreed channel.</summary>
    public long Reminded { get; private set; }

    /// <summary>Automatic replies that would have gone out.</summary>
    public long AutoReplies { get; private set; }

    /// <summary>After-hours messages that would not have reached the professional until the next working window.</summary>
    public long InterruptionsSaved { get; private set; }

    /// <summary>Messages the professional sent outside their own hours.</summary>
    public long OwnAfterHoursReplies { get; private set; }

    /// <summary>Signals noticed, by kind.</summary>
    public long[] Signals { get; } = new long[Enum.GetValues<SignalKind>().Length];

    /// <summary>Arrivals by weekday (0 = Monday) and hour, in the professional's zone.</summary>
    public long[,] Heatmap { get; } = new long[7, 24];

    /// <summary>Decisions of one kind.</summary>
    public long Count(DecisionKind kind) => Decisions[(int)kind];

    /// <summary>The share of messages that arrived after hours, from 0 to 1.</summary>
    public double AfterHoursShare => Messages == 0 ? 0 : (double)AfterHours / Messages;

    internal void Add(Decision decision, LocalDateTime local, bool afterHours, bool ownMail)
    {
        Messages++;
        Decisions[(int)decision.Kind]++;
        Heatmap[(int)local.DayOfWeek - 1, local.Hour]++;
        if (afterHours)
        {
            AfterHours++;
            if (decision.Kind is DecisionKind.Hold or DecisionKind.NeverAnswer && !ownMail)
            {
                InterruptionsSaved++;
            }

            if (ownMail)
            {
                OwnAfterHoursReplies++;
            }
        }

        if (decision.Reminded)
        {
            Reminded++;
        }

        if (decision.AutoReply is not null)
        {
            AutoReplies++;
        }

        foreach (SignalKind signal in decision.Signals)
        {
            Signals[(int)signal]++;
        }
    }
}

/// <summary>A message that could not be analysed, and why.</summary>
/// <param name="Source">Where it is in the mailbox.</param>
/// <param name="Reason">What is wrong with it.</param>
public sealed record MalformedMessage(string Source, string Reason);

/// <summary>
/// "What would Porter have done?" over a stream of past messages: each message is decided as if it arrived at its
/// own time, with automatic replies limited per sender as they would have been, and only counts are kept, so memory
/// stays flat however long the mailbox.
/// </summary>
/// <remarks>Not thread-safe: feed it from one reader.</remarks>
public sealed class MailboxAnalysis
{
    /// <summary>At most this many malformed messages are listed (all are counted).</summary>
    public const int MaxListedMalformed = 1000;

    /// <summary>The group for messages from senders who are not known clients.</summary>
    public const string OtherSenders = "(other senders)";

    private readonly Practice practice;
    private readonly Dictionary<string, Instant> lastAutoReply = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnalysisTally> byClient = new(StringComparer.Ordinal);
    private readonly List<MalformedMessage> malformed = [];

    /// <summary>Creates an analysis against a practice.</summary>
    public MailboxAnalysis(Practice practice) => this.practice = practice ?? throw new ArgumentNullException(nameof(practice));

    /// <summary>Counts over every message.</summary>
    public AnalysisTally Overall { get; } = new();

    /// <summary>Counts per client id (and <see cref="OtherSenders"/>).</summary>
    public IReadOnlyDictionary<string, AnalysisTally> ByClient => byClient;

    /// <summary>How many messages could not be analysed.</summary>
    public long MalformedCount { get; private set; }

    /// <summary>The first <see cref="MaxListedMalformed"/> messages that could not be analysed.</summary>
    public IReadOnlyList<MalformedMessage> Malformed => malformed;

    /// <summary>The practice analysed against.</summary>
    public Practice Practice => practice;

    /// <summary>Decides one message as if it arrived at its own time, and counts the result.</summary>
    public Decision Add(IncomingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // One automatic reply per recipient per window, counted as the service counts it (AutoReplyPlan.WindowKey): the
        // last reply matters only when this decision would send one.
        Decision decision = DecisionCore.Decide(practice, message, message.ReceivedAt);
        if (decision.AutoReply is { } planned && lastAutoReply.TryGetValue(planned.WindowKey, out Instant last))
        {
            decision = DecisionCore.Decide(practice, message, message.ReceivedAt, last);
        }

        if (decision.AutoReply is { } reply)
        {
            lastAutoReply[reply.WindowKey] = message.ReceivedAt;
        }

        bool ownMail = decision.Reasons.Length > 0 && decision.Reasons[0].Rule == "own-mail";
        bool afterHours = practice.Professional.Status is ProfessionalStatus.Off or ProfessionalStatus.Vacation || !practice.Calendar.IsOpen(message.ReceivedAt);
        LocalDateTime local = message.ReceivedAt.InZone(practice.Calendar.Zone).LocalDateTime;
        Overall.Add(decision, local, afterHours, ownMail);
        string group = decision.ClientId ?? OtherSenders;
        if (!byClient.TryGetValue(group, out AnalysisTally? tally))
        {
            tally = new AnalysisTally();
            byClient[group] = tally;
        }

        tally.Add(decision, local, afterHours, ownMail);
        return decision;
    }

    /// <summary>Counts a message that could not be analysed.</summary>
    public void AddMalformed(string source, string reason)
    {
        MalformedCount++;
        if (malformed.Count < MaxListedMalformed)
        {
            malformed.Add(new MalformedMessage(source, reason));
        }
    }

    /// <summary>The client's display name for a group id.</summary>
    public string NameOf(string group) =>
        practice.Clients.FirstOrDefault(c => c.Id == group)?.Name ?? group;

    /// <summary>The groups, clients first in configuration order, then other senders.</summary>
    public ImmutableArray<string> Groups =>
        [.. practice.Clients.Select(c => c.Id).Where(byClient.ContainsKey).Concat(byClient.Keys.Where(k => practice.Clients.All(c => c.Id != k)).Order(StringComparer.Ordinal))];
}
