using Microsoft.EntityFrameworkCore;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>
/// Puts something that comes round (a check-in, a review, a handover) on record once, with the action that carries it
/// out, in one transaction: when another instance wrote it first, its unique index refuses the second and nothing is
/// added. The keepers check first too; this makes the race between two instances harmless.
/// </summary>
internal static class OnRecord
{
    /// <summary>Adds <paramref name="record"/> and the action made from it (once the record has its id); false when it was on record already.</summary>
    public static async Task<bool> AddOnceAsync<T>(PorterDb db, T record, Func<T, ActionRecord> action, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        db.Add(record);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.Actions.Add(action(record));
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
}
