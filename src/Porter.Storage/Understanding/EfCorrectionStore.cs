using Microsoft.EntityFrameworkCore;
using Porter.Application.Understanding;
using Porter.Storage.Model;

namespace Porter.Storage.Understanding;

/// <summary>
/// The storage adapter for <see cref="ICorrectionStore"/>: <c>corrections</c>, append-only. A context of a signed-in
/// person's desk sees their professional's corrections only; the service's own (no desk) sees its organisation's.
/// </summary>
public sealed class EfCorrectionStore(IDbContextFactory<PorterDb> contexts, Action<PorterDb>? scope = null) : ICorrectionStore
{
    /// <inheritdoc />
    public async Task<Correction> AddAsync(Correction correction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(correction);
        await using PorterDb db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var record = new CorrectionRecord
        {
            ProfessionalId = correction.ProfessionalId,
            MessageRecordId = correction.MessageId,
            Text = correction.Text.Length > 20_000 ? correction.Text[..20_000] : correction.Text,
            Labels = string.Join(',', correction.Labels),
            By = correction.By.Length > 320 ? correction.By[..320] : correction.By,
            At = correction.At,
        };
        db.Corrections.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return From(record);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Correction>> AfterAsync(long id, CancellationToken cancellationToken)
    {
        await using PorterDb db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        List<CorrectionRecord> records = await db.Corrections.AsNoTracking().Where(c => c.Id > id).OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.Select(From)];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Correction>> OfMessageAsync(long messageId, CancellationToken cancellationToken)
    {
        await using PorterDb db = await OpenAsync(cancellationToken).ConfigureAwait(false);
        List<CorrectionRecord> records = await db.Corrections.AsNoTracking().Where(c => c.MessageRecordId == messageId).OrderByDescending(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. records.Select(From)];
    }

    private async Task<PorterDb> OpenAsync(CancellationToken cancellationToken)
    {
        PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        scope?.Invoke(db);
        return db;
    }

    private static Correction From(CorrectionRecord record) => new(
        record.Id, record.ProfessionalId, record.MessageRecordId, record.Text,
        [.. record.Labels.Split(',', StringSplitOptions.RemoveEmptyEntries)], record.By, record.At);
}
