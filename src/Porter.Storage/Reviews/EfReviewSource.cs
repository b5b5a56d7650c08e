using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Application.Reviews;
using Porter.Domain.Decisions;
using Porter.Domain.Reviews;
using Porter.Storage.Bookings;

namespace Porter.Storage.Reviews;

/// <summary>Reads a review's messages and meetings through one context (the dashboard's, with its tenant and desk, or the service's).</summary>
/// <param name="db">The context.</param>
public sealed class EfReviewSource(PorterDb db) : IReviewSource
{
    private static readonly Dictionary<string, SignalKind> Signals = SignalNames.All.ToDictionary(s => s.Name(), StringComparer.Ordinal);

    /// <inheritdoc/>
    public async Task<(IReadOnlyList<ReviewMessage> Messages, IReadOnlyList<ReviewMeeting> Meetings)> ReadAsync(string professionalId, bool takesUnassigned, Interval span, CancellationToken cancellationToken)
    {
        Instant start = span.Start, end = span.End;
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.ReceivedAt >= start && m.ReceivedAt < end && m.Decision != "never_answer")
            .Where(m => m.ProfessionalId == professionalId || (takesUnassigned && m.ProfessionalId == null))
            .Select(m => new { m.ClientId, m.Channel, m.ReceivedAt, m.Signals, m.Deadline, m.AnsweredAt, m.MinutesSpent })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var meetings = await db.Bookings.AsNoTracking()
            .OfProfessional(professionalId, takesUnassigned)
            .Where(b => b.Start < end && b.End > start)
            .Select(b => new ReviewMeeting(b.ClientId, b.Start, b.End))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (
            [.. rows.Select(r => new ReviewMessage(r.ClientId, r.Channel, r.ReceivedAt, ParseSignals(r.Signals), r.Deadline, r.AnsweredAt, Duration.FromMinutes(r.MinutesSpent)))],
            meetings);
    }

    private static HashSet<SignalKind> ParseSignals(string stored) =>
        [.. stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(Signals.ContainsKey).Select(n => Signals[n])];
}
