using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Porter.Application.ChangeLog;
using Porter.Application.Changes;
using Porter.Domain.Agreements;
using Porter.Storage;

namespace Porter.Web.Dashboard;

/// <summary>
/// Records in the change log every change to the plan found in a client's message (the decision's plan_change
/// signal), with its confirmation to the client: looks every <see cref="ServiceOptions.PracticeSyncInterval"/> at
/// messages stored since it last looked (and a little before, for messages committed out of order), so none is
/// missed and, with the log's one entry per message, none is recorded twice, whichever instance finds it. Messages
/// stored more than two days ago are left alone (a database older than the change log is not combed for old changes).
/// </summary>
internal sealed partial class ChangeDetector(
    IDbContextFactory<PorterDb> contexts, IChangeLog log, PracticeState practice, ServiceOptions options, IClock clock, ILogger<ChangeDetector> logger)
    : Poller(options.PracticeSyncInterval, tickAtStart: true, logger)
{
    private const int Lookback = 200;

    // Only messages stored lately: on a database that had messages before the change log, the old ones are not
    // written to the client about now (a plan change of last spring needs no confirmation today).
    private static readonly Duration Recent = Duration.FromDays(2);
    private long seen;

    protected override string Work => "look for changes to the plan in new messages";

    protected override Task TickAsync(CancellationToken cancellationToken) => DetectAsync(cancellationToken);

    /// <summary>Records the changes found in messages not yet in the log; returns how many.</summary>
    internal async Task<int> DetectAsync(CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (seen == 0)
        {
            seen = await db.PlanChanges.MaxAsync(c => c.MessageRecordId, cancellationToken).ConfigureAwait(false) ?? 0;
        }

        long from = Math.Max(0, seen - Lookback);
        long newest = await db.Messages.IgnoreQueryFilters().MaxAsync(m => (long?)m.Id, cancellationToken).ConfigureAwait(false) ?? 0;
        Instant since = clock.GetCurrentInstant() - Recent;
        var found = await db.Messages.AsNoTracking()
            .Where(m => m.Id > from && m.Id <= newest && m.StoredAt >= since && m.ClientId != null && m.Signals.Contains("plan_change") && m.Decision != "never_answer"
                && !db.PlanChanges.Any(c => c.MessageRecordId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.ClientId, m.From, m.Subject, m.Body, m.ReceivedAt })
            .Take(100)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        int recorded = 0;
        Organisation organisation = practice.Current;
        foreach (var m in found)
        {
            Practice own = organisation.PracticeOf(m.ClientId!);
            if (own.Clients.FirstOrDefault(c => c.Id == m.ClientId) is not { } client)
            {
                continue;
            }

            string what = string.IsNullOrWhiteSpace(m.Subject) ? m.Body : $"{m.Subject}: {m.Body}";
            what = what.ReplaceLineEndings(" ").Trim();
            Recorded result = await ChangeLogBook.RecordChangeAsync(log, own, client, what.Length <= 300 ? what : what[..297] + "...", m.From, m.ReceivedAt,
                [], ChangeLogBook.Porter, clock.GetCurrentInstant(), m.Id, cancellationToken).ConfigureAwait(false);
            recorded += result.Entry is null ? 0 : 1;
        }

        // Looked at everything up to the newest message, unless there were more changes than one look takes.
        seen = Math.Max(seen, found.Count == 100 ? found[^1].Id : newest);
        if (recorded > 0)
        {
            Recorded(logger, recorded);
        }

        return recorded;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Count} changes to the plan found in clients' messages")]
    private static partial void Recorded(ILogger logger, int count);
}
