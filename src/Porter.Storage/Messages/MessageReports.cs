using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Storage.Model;

namespace Porter.Storage.Messages;

/// <summary>Arrivals counted per quarter of an hour (UTC), from the start of the quarter.</summary>
/// <param name="Start">The start of the quarter hour.</param>
/// <param name="Count">How many messages arrived in it.</param>
public readonly record struct ArrivalCount(Instant Start, long Count);

/// <summary>How a client's promises fared: answered by the deadline, and all that are settled (answered, or past the deadline).</summary>
/// <param name="ClientId">The client, or null for senders who are not clients.</param>
/// <param name="OnTime">Answered by the deadline.</param>
/// <param name="Settled">Answered (on time or late), or unanswered past the deadline; open ones within their deadline are not counted.</param>
public readonly record struct PromiseCount(string? ClientId, long OnTime, long Settled);

/// <summary>How many messages a client sent.</summary>
/// <param name="ClientId">The client, or null for senders who are not clients.</param>
/// <param name="Count">Messages.</param>
public readonly record struct LoadCount(string? ClientId, long Count);

/// <summary>
/// The reports' figures over a period, aggregated by the database over one index (organisation, received, decision,
/// client, deadline, answered), so the cost grows with the messages of the period, read once, never with their square,
/// and no message row is read. Mail never answered (automatic, own) is left out, as in the charts.
/// </summary>
public static class MessageReports
{
    /// <summary>A quarter of an hour in ticks: every zone's offset today is a whole number of quarter hours.</summary>
    private const long QuarterTicks = 15 * NodaConstants.TicksPerMinute;

    /// <summary>Messages that arrived since <paramref name="since"/>, per quarter hour.</summary>
    public static Task<IReadOnlyList<ArrivalCount>> ArrivalsAsync(PorterDb db, Instant since, CancellationToken cancellationToken) =>
        Cancellable(() => Arrivals(db, since, cancellationToken), cancellationToken);

    /// <summary>Per client, the messages with a deadline that arrived since <paramref name="since"/>: answered by it, and settled by <paramref name="now"/>.</summary>
    public static Task<IReadOnlyList<PromiseCount>> PromisesAsync(PorterDb db, Instant since, Instant now, CancellationToken cancellationToken) =>
        Cancellable(() => Promises(db, since, now, cancellationToken), cancellationToken);

    /// <summary>Messages per client since <paramref name="since"/>.</summary>
    public static Task<IReadOnlyList<LoadCount>> LoadAsync(PorterDb db, Instant since, CancellationToken cancellationToken) =>
        Cancellable(() => Load(db, since, cancellationToken), cancellationToken);

    /// <summary>Messages waiting past their deadline, unanswered (the queue's index: organisation, done, decision, deadline).</summary>
    public static Task<int> MissedDeadlinesAsync(PorterDb db, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Cancellable(() => db.Messages.CountAsync(
            m => m.DoneAt == null && m.WaitingSince == null && (m.Decision == "deliver" || m.Decision == "escalate" || m.Decision == "hold") && m.Deadline < now,
            cancellationToken), cancellationToken);
    }

    /// <summary>A query stopped by its token (SQLite ends it with SQLITE_INTERRUPT, see SqliteInterrupt) ends as cancelled, not as a database error.</summary>
    private static async Task<T> Cancellable<T>(Func<Task<T>> query, CancellationToken cancellationToken)
    {
        try
        {
            return await query().ConfigureAwait(false);
        }
        catch (DbException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The query was stopped: nobody waits for it any more.", e, cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<ArrivalCount>> Arrivals(PorterDb db, Instant since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One professional's desk (PorterDb.Desk) sees its own messages here too, as the query filter does elsewhere.
        string desk = db.Desk is null ? "" : db.DeskTakesUnassigned ? " AND (professional_id = {2} OR professional_id IS NULL)" : " AND professional_id = {2}";
        object[] parameters = db.Desk is null ? [db.Tenant, 0] : [db.Tenant, 0, db.Desk];
        string sql = db is SqliteDb
            ? $"SELECT received_at / {QuarterTicks} AS \"Quarter\", count(*) AS \"Count\" FROM messages WHERE organisation_id = {{0}} AND received_at >= {{1}} AND decision <> 'never_answer'{desk} GROUP BY received_at / {QuarterTicks}"
            : $"SELECT floor(extract(epoch FROM received_at) / 900)::bigint AS \"Quarter\", count(*) AS \"Count\" FROM messages WHERE organisation_id = {{0}} AND received_at >= {{1}} AND decision <> 'never_answer'{desk} GROUP BY 1";
        parameters[1] = db is SqliteDb ? since.ToUnixTimeTicks() : since;
        List<QuarterRow> rows = await db.Database.SqlQueryRaw<QuarterRow>(sql, parameters).ToListAsync(cancellationToken).ConfigureAwait(false);
        long ticksPerUnit = db is SqliteDb ? QuarterTicks : 900 * NodaConstants.TicksPerSecond;
        return [.. rows.Select(r => new ArrivalCount(Instant.FromUnixTimeTicks(r.Quarter * ticksPerUnit), r.Count))];
    }

    private static async Task<IReadOnlyList<PromiseCount>> Promises(PorterDb db, Instant since, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await Period(db, since).Where(m => m.Deadline != null)
            .GroupBy(m => m.ClientId)
            .Select(g => new
            {
                ClientId = g.Key,
                OnTime = g.LongCount(m => m.AnsweredAt != null && m.AnsweredAt <= m.Deadline),
                Settled = g.LongCount(m => m.AnsweredAt != null || m.Deadline < now),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new PromiseCount(r.ClientId, r.OnTime, r.Settled))];
    }

    private static async Task<IReadOnlyList<LoadCount>> Load(PorterDb db, Instant since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await Period(db, since).GroupBy(m => m.ClientId).Select(g => new { ClientId = g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new LoadCount(r.ClientId, r.Count))];
    }

    private static IQueryable<MessageRecord> Period(PorterDb db, Instant since) =>
        db.Messages.AsNoTracking().Where(m => m.ReceivedAt >= since && m.Decision != "never_answer");

    /// <summary>One row of the arrivals query.</summary>
    private sealed class QuarterRow
    {
        public long Quarter { get; set; }

        public long Count { get; set; }
    }
}
