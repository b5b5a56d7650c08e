using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Porter.Application.Changes;
using Porter.Application.Rhythms;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>
/// Keeps each client's agreed rhythms: for every client with a check-in or feedback schedule, the next time it comes
/// round is on record (<c>cadence_runs</c>, one per client, kind and time, whichever instance writes it first) with its
/// action: a check-in reminds the professional in their working hours, or sends the client the prepared message in the
/// next time both work; a feedback round asks the client the question, with a link to answer, in the next time both
/// work. Looks every <see cref="ServiceOptions.PracticeSyncInterval"/>, so a schedule changed in the practice is taken up.
/// </summary>
internal sealed class CadenceKeeper(IDbContextFactory<PorterDb> contexts, PracticeState practice, ServiceOptions options, IClock clock, ILogger<CadenceKeeper> logger)
    : Poller(options.PracticeSyncInterval, tickAtStart: true, logger)
{
    /// <summary>The kind of a check-in run.</summary>
    public const string CheckIn = "check_in";

    /// <summary>The kind of a feedback run.</summary>
    public const string Feedback = "feedback";

    protected override string Work => "schedule the agreed check-ins and feedback rounds";

    protected override Task TickAsync(CancellationToken cancellationToken) => ScheduleAsync(cancellationToken);

    /// <summary>Puts on record the next run of every schedule that has none yet; returns how many were added.</summary>
    internal async Task<int> ScheduleAsync(CancellationToken cancellationToken)
    {
        int added = 0;
        foreach (NextRound round in Rhythms.Next(practice.Current, clock.GetCurrentInstant()))
        {
            added += await AddAsync(round, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return added;
    }

    private async Task<bool> AddAsync(NextRound round, CancellationToken cancellationToken)
    {
        (string kind, ActionKind action) = round.Kind == RhythmKind.CheckIn ? (CheckIn, ActionKind.CheckIn) : (Feedback, ActionKind.FeedbackRequest);
        string clientId = round.Client.Id;
        Instant due = round.Due;
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.CadenceRuns.AnyAsync(r => r.ClientId == clientId && r.Kind == kind && r.Due == due, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var run = new CadenceRunRecord { ClientId = clientId, ProfessionalId = round.Practice.Professional.Id, Kind = kind, Due = due, Question = round.Question };
        return await OnRecord.AddOnceAsync(db, run, r => new ActionRecord { Kind = action, DueAt = round.SendAt, Payload = JsonSerializer.Serialize(new { runId = r.Id }, JsonSerializerOptions.Web) }, cancellationToken).ConfigureAwait(false);
    }
}
