using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Porter.Application.Changes;
using Porter.Domain.Agreements;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>
/// Keeps each on-call rotation's next handover on record (<c>handovers</c>, once per professional and time, whichever
/// instance writes first) with the action that mails the handover note at that time to the person taking over,
/// copied to the one handing over. Looks every <see cref="ServiceOptions.PracticeSyncInterval"/>, so a rotation changed
/// in the practice is taken up.
/// </summary>
internal sealed class HandoverKeeper(IDbContextFactory<PorterDb> contexts, PracticeState practice, ServiceOptions options, IClock clock, ILogger<HandoverKeeper> logger)
    : Poller(options.PracticeSyncInterval, tickAtStart: true, logger)
{
    protected override string Work => "schedule the on-call handovers";

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        Instant now = clock.GetCurrentInstant();
        foreach (Practice p in practice.Current.Practices)
        {
            if (p.OnCall?.NextHandover(now, p.Calendar.Zone) is { } next)
            {
                await AddAsync(p.Professional.Id, next.At, next.From.Name, next.To.Name, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task AddAsync(string professional, Instant at, string from, string to, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.Handovers.AnyAsync(h => h.ProfessionalId == professional && h.At == at, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var handover = new HandoverRecord { ProfessionalId = professional, At = at, FromPerson = from, ToPerson = to };
        await OnRecord.AddOnceAsync(db, handover, h => new ActionRecord { Kind = ActionKind.Handover, DueAt = at, Payload = JsonSerializer.Serialize(new { handoverId = h.Id }, JsonSerializerOptions.Web) }, cancellationToken).ConfigureAwait(false);
    }
}
