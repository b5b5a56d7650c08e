using System.Collections.Immutable;
using System.Data;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Porter.Application.ChangeLog;
using Porter.Domain.ChangeLog;
using Porter.Storage.Model;

namespace Porter.Storage.ChangeLog;

/// <summary>
/// The storage adapter for <see cref="IChangeLog"/>: <c>plan_changes</c>. An entry takes the place after the last
/// in one transaction with its confirmation mail (SQLite: the write lock first; PostgreSQL: serializable, and the unique
/// place in the chain makes a concurrent append fail, which is then tried again after the new last entry).
/// </summary>
public sealed class EfChangeLog(IDbContextFactory<PorterDb> contexts, long organisationId = OrganisationRecord.InstanceId) : IChangeLog
{
    private const int Attempts = 5;

    /// <inheritdoc />
    public async Task<SealedEntry> AppendAsync(ChangeEntry entry, string professionalId, IReadOnlyList<Recipient> confirmTo, Instant sendAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(confirmTo);
        for (int attempt = 1; ; attempt++)
        {
            await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            db.Tenant = organisationId;
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            var last = await db.PlanChanges.AsNoTracking().OrderByDescending(c => c.Sequence).Select(c => new { c.Sequence, c.Hash }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            SealedEntry sealedEntry = ChangeChain.Seal(last?.Hash ?? ChangeChain.Genesis, entry with { Sequence = (last?.Sequence ?? 0) + 1 });
            db.PlanChanges.Add(Record(sealedEntry, professionalId, organisationId));
            foreach (Recipient recipient in confirmTo)
            {
                db.Actions.Add(new ActionRecord
                {
                    OrganisationId = organisationId,
                    Kind = ActionKind.ChangeConfirmation,
                    DueAt = sendAt,
                    Payload = JsonSerializer.Serialize(new ChangeConfirmation(sealedEntry.Entry.Sequence, entry.ClientId, professionalId, recipient.Name, recipient.Email), JsonSerializerOptions.Web),
                });
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return sealedEntry;
            }
            catch (Exception e) when (attempt < Attempts && e is DbUpdateException or InvalidOperationException && !IsSameMessage(e, entry))
            {
                // Another instance took the place: append after its entry.
            }
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SealedEntry>> ReadAsync(string? clientId, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.Tenant = organisationId;
        IQueryable<PlanChangeRecord> query = db.PlanChanges.AsNoTracking();
        if (clientId is not null)
        {
            query = query.Where(c => c.ClientId == clientId);
        }

        List<PlanChangeRecord> records = await query.OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.Select(Entry)];
    }

    /// <summary>An entry as kept.</summary>
    public static SealedEntry Entry(PlanChangeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ImmutableArray<MilestoneMove> moves = [.. (JsonSerializer.Deserialize<Move[]>(record.Moves, JsonSerializerOptions.Web) ?? [])
            .Select(m => new MilestoneMove(m.Milestone, LocalDatePattern.Iso.Parse(m.From).GetValueOrThrow(), LocalDatePattern.Iso.Parse(m.To).GetValueOrThrow()))];
        var entry = new ChangeEntry(record.Sequence, record.ClientId, Enum.Parse<ChangeEntryKind>(record.Kind, ignoreCase: true), record.Refers, record.What,
            record.AskedBy, record.AskedAt, record.RecordedBy, record.RecordedAt, moves, record.MessageRecordId);
        return new SealedEntry(entry, record.PreviousHash, record.Hash);
    }

    private static PlanChangeRecord Record(SealedEntry sealedEntry, string professionalId, long organisationId)
    {
        ChangeEntry e = sealedEntry.Entry;
        return new PlanChangeRecord
        {
            OrganisationId = organisationId,
            Sequence = e.Sequence,
            ClientId = e.ClientId,
            ProfessionalId = professionalId,
            Kind = e.Kind.ToString().ToLowerInvariant(),
            Refers = e.Refers,
            What = e.What,
            AskedBy = e.AskedBy,
            AskedAt = e.AskedAt,
            RecordedBy = e.RecordedBy,
            RecordedAt = e.RecordedAt,
            Moves = JsonSerializer.Serialize(e.Moves.Select(m => new Move(m.Milestone, LocalDatePattern.Iso.Format(m.From), LocalDatePattern.Iso.Format(m.To))), JsonSerializerOptions.Web),
            MessageRecordId = e.MessageId,
            PreviousHash = sealedEntry.Previous,
            Hash = sealedEntry.Hash,
        };
    }

    // A change found in a message that is on record already (another instance found it first) is not tried again.
    private static bool IsSameMessage(Exception e, ChangeEntry entry) =>
        entry.MessageId is not null && (e.InnerException?.Message.Contains("message_record_id", StringComparison.OrdinalIgnoreCase) ?? false);

    private sealed record Move(string Milestone, string From, string To);
}

/// <summary>The payload of a <see cref="ActionKind.ChangeConfirmation"/> action.</summary>
/// <param name="Sequence">The change.</param>
/// <param name="ClientId">Its client.</param>
/// <param name="ProfessionalId">The client's professional (who the mail is from).</param>
/// <param name="Name">The contact's name.</param>
/// <param name="To">The contact's address.</param>
public sealed record ChangeConfirmation(long Sequence, string ClientId, string ProfessionalId, string Name, string To);
