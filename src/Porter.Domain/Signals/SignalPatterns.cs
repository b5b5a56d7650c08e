using System.Collections.Immutable;
using System.Globalization;
using NodaTime;
using Porter.Domain.Decisions;

namespace Porter.Domain.Signals;

/// <summary>How often one boundary signal came from a client in the period: in how many messages, and in how many of its weeks.</summary>
/// <param name="Signal">The signal.</param>
/// <param name="Messages">The messages that carried it.</param>
/// <param name="Weeks">The weeks (Monday to Sunday, in the professional's zone) with at least one.</param>
public sealed record SignalCount(SignalKind Signal, int Messages, int Weeks);

/// <summary>A client's boundary signals over the period, and whether they make a pattern worth a conversation.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="Signals">Each boundary signal they sent, most frequent first.</param>
public sealed record ClientPattern(string ClientId, ImmutableArray<SignalCount> Signals)
{
    /// <summary>The signals that came back week after week (in <see cref="SignalPatterns.PatternWeeks"/> weeks or more).</summary>
    public ImmutableArray<SignalKind> Recurring => [.. Signals.Where(s => s.Weeks >= SignalPatterns.PatternWeeks).Select(s => s.Signal)];

    /// <summary>In a sentence, for the professional preparing a conversation.</summary>
    public string Summary
    {
        get
        {
            string counts = string.Join("; ", Signals.Select(s => $"{SignalPatterns.Describe(s.Signal)} {Times(s.Messages)} in {s.Weeks} of the last {SignalPatterns.Weeks} weeks"));
            return Recurring.IsEmpty ? counts : $"{counts}. A pattern worth a conversation: {string.Join(", ", Recurring.Select(SignalPatterns.Describe))}.";
        }
    }

    private static string Times(int n) => n switch { 1 => "once", 2 => "twice", _ => string.Create(CultureInfo.InvariantCulture, $"{n} times") };
}

/// <summary>
/// Boundary signals from one client over weeks, summarised for a conversation: after-hours pressure, the wrong
/// channel, requests for personal information, personal social-media contact, requests outside the scope. One
/// message is noise; the same signal week after week is a pattern.
/// </summary>
public static class SignalPatterns
{
    /// <summary>The period looked at, in weeks.</summary>
    public const int Weeks = 8;

    /// <summary>In how many weeks a signal must come for a pattern.</summary>
    public const int PatternWeeks = 3;

    /// <summary>The signals that mark a boundary pressed.</summary>
    public static readonly ImmutableArray<SignalKind> Boundary =
        [SignalKind.AfterHours, SignalKind.WrongChannel, SignalKind.PersonalInfoRequest, SignalKind.PersonalSocialContact, SignalKind.OutOfScope];

    /// <summary>Each client's pattern over the <see cref="Weeks"/> weeks before <paramref name="now"/> (clients with no boundary signal are left out).</summary>
    public static ImmutableArray<ClientPattern> Of(IEnumerable<(string ClientId, Instant At, IReadOnlyCollection<SignalKind> Signals)> messages, Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(zone);
        Instant since = now - Duration.FromDays(7 * Weeks);
        return [.. messages
            .Where(m => m.At >= since && m.At <= now)
            .SelectMany(m => m.Signals.Where(Boundary.Contains).Select(s => (m.ClientId, Signal: s, Week: WeekOf(m.At, zone))))
            .GroupBy(x => x.ClientId, StringComparer.Ordinal)
            .Select(client => new ClientPattern(client.Key, [.. client
                .GroupBy(x => x.Signal)
                .Select(g => new SignalCount(g.Key, g.Count(), g.Select(x => x.Week).Distinct().Count()))
                .OrderByDescending(s => s.Weeks).ThenByDescending(s => s.Messages).ThenBy(s => s.Signal)]))
            .OrderBy(p => p.ClientId, StringComparer.Ordinal)];
    }

    /// <summary>A signal in words: "after hours", "asked for personal information"…</summary>
    public static string Describe(SignalKind signal) => signal switch
    {
        SignalKind.AfterHours => "wrote after hours",
        SignalKind.WrongChannel => "used a channel not agreed for it",
        SignalKind.PersonalInfoRequest => "asked for personal information",
        SignalKind.PersonalSocialContact => "sought personal social-media contact",
        SignalKind.OutOfScope => "asked for work outside the scope",
        _ => signal.Name(),
    };

    private static LocalDate WeekOf(Instant at, DateTimeZone zone)
    {
        LocalDate day = at.InZone(zone).Date;
        return day.PlusDays(-((int)day.DayOfWeek - 1));
    }
}
