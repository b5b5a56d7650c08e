using Microsoft.EntityFrameworkCore;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>
/// The practice that decisions are made against now: porter.json's, with the status the professional last chose in
/// the dashboard (available, focus, off, vacation), which is kept in the database and outlives restarts.
/// </summary>
/// <threadsafety>Safe for concurrent use: the current practice is swapped whole.</threadsafety>
public sealed class PracticeState
{
    private const string StatusKey = "professional-status";
    private readonly PorterConfig config;
    private readonly IDbContextFactory<PorterDb> contexts;
    private volatile Practice current;

    /// <summary>Starts from porter.json's practice; <see cref="LoadAsync"/> applies a status chosen earlier.</summary>
    public PracticeState(PorterConfig config, Practice practice, IDbContextFactory<PorterDb> contexts)
    {
        this.config = config;
        this.contexts = contexts;
        current = practice;
    }

    /// <summary>The practice now.</summary>
    public Practice Current => current;

    /// <summary>Applies the status kept in the database, if one was chosen.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        SettingRecord? saved = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == StatusKey, cancellationToken).ConfigureAwait(false);
        if (saved is not null && Enum.TryParse(saved.Value, ignoreCase: true, out ProfessionalStatus status))
        {
            current = With(status);
        }
    }

    /// <summary>Sets the professional's status: decisions from now on use it, and it is kept.</summary>
    public async Task SetStatusAsync(ProfessionalStatus status, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        SettingRecord? saved = await db.Settings.FirstOrDefaultAsync(s => s.Key == StatusKey, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            db.Settings.Add(new SettingRecord { Key = StatusKey, Value = status.ToString().ToLowerInvariant() });
        }
        else
        {
            saved.Value = status.ToString().ToLowerInvariant();
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        current = With(status);
    }

    private Practice With(ProfessionalStatus status) =>
        (config with { Professional = config.Professional with { Status = status } }).ToPractice();
}
