using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;
using Porter.Application.Changes;
using Porter.Domain.Agreements;
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
internal sealed partial class CadenceKeeper(IDbContextFactory<PorterDb> contexts, PracticeState practice, ServiceOptions options, IClock clock, ILogger<CadenceKeeper> logger) : BackgroundService
{
    /// <summary>The kind of a check-in run.</summary>
    public const string CheckIn = "check_in";

    /// <summary>The kind of a feedback run.</summary>
    public const string Feedback = "feedback";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PracticeSyncInterval);
        do
        {
            try
            {
                await ScheduleAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A database that is away for a moment must not stop the keeping: the next tick tries again.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Failed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Puts on record the next run of every schedule that has none yet; returns how many were added.</summary>
    internal async Task<int> ScheduleAsync(CancellationToken cancellationToken)
    {
        Instant now = clock.GetCurrentInstant();
        int added = 0;
        foreach (Practice own in practice.Current.Practices)
        {
            foreach (Client client in own.Clients)
            {
                if (client.CheckIns is { } checkIns)
                {
                    Instant due = checkIns.Cadence.Next(now, own.Calendar.Zone);
                    Instant sendAt = checkIns.Send == CheckInSend.Reminder ? own.Calendar.PlusBusinessTime(due, Duration.Zero) : own.NextMutualOpening(due, client);
                    added += await AddAsync(own, client, CheckIn, due, sendAt, null, ActionKind.CheckIn, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }

                if (client.FeedbackRounds is { } rounds)
                {
                    Instant due = rounds.Cadence.Next(now, own.Calendar.Zone);
                    added += await AddAsync(own, client, Feedback, due, own.NextMutualOpening(due, client), rounds.Question, ActionKind.FeedbackRequest, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }
            }
        }

        return added;
    }

    private async Task<bool> AddAsync(Practice own, Client client, string kind, Instant due, Instant sendAt, string? question, ActionKind action, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.CadenceRuns.AnyAsync(r => r.ClientId == client.Id && r.Kind == kind && r.Due == due, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var run = new CadenceRunRecord { ClientId = client.Id, ProfessionalId = own.Professional.Id, Kind = kind, Due = due, Question = question };
        db.CadenceRuns.Add(run);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.Actions.Add(new ActionRecord { Kind = action, DueAt = sendAt, Payload = JsonSerializer.Serialize(new { runId = run.Id }, JsonSerializerOptions.Web) });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance put it on record first.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not schedule the agreed check-ins and feedback rounds; trying again")]
    private static partial void Failed(ILogger logger, Exception error);
}
