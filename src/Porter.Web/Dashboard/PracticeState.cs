using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>
/// The practice that decisions are made against now: porter.json's, with the status the professional last chose in
/// the dashboard (available, focus, off, vacation), which is kept in the database and outlives restarts. Settings
/// saved in the browser are written to porter.json itself (the file stays the one source, so the two never drift)
/// and take effect at once.
/// </summary>
/// <threadsafety>Safe for concurrent use: the configuration and the practice are swapped together, whole.</threadsafety>
public sealed class PracticeState : IDisposable
{
    private const string StatusKey = "professional-status";
    private readonly string path;
    private readonly IDbContextFactory<PorterDb> contexts;
    private readonly SemaphoreSlim saving = new(1, 1);
    private volatile Snapshot current;

    /// <summary>Starts from porter.json's practice; <see cref="LoadAsync"/> applies a status chosen earlier.</summary>
    public PracticeState(ServiceOptions options, PorterConfig config, IDbContextFactory<PorterDb> contexts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        path = Path.GetFullPath(options.ConfigPath);
        this.contexts = contexts;
        current = new Snapshot(config, config.ToPractice());
    }

    /// <summary>The practice now.</summary>
    public Practice Current => current.Practice;

    /// <summary>The configuration now (with the chosen status).</summary>
    public PorterConfig Config => current.Config;

    /// <summary>The configuration file.</summary>
    public string ConfigPath => path;

    /// <summary>Applies the status kept in the database, if one was chosen.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        SettingRecord? saved = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == StatusKey, cancellationToken).ConfigureAwait(false);
        if (saved is not null && Enum.TryParse(saved.Value, ignoreCase: true, out ProfessionalStatus status))
        {
            current = With(current.Config, status);
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
        current = With(current.Config, status);
    }

    /// <summary>porter.json as it is on disk now.</summary>
    public Task<string> ReadFileAsync(CancellationToken cancellationToken) => File.ReadAllTextAsync(path, cancellationToken);

    /// <summary>
    /// Checks a new porter.json with the same reader as at start (relative paths, such as holiday calendars, from the
    /// file's folder); when it has no problems, writes it in place of the file (the old one kept as porter.json.bak,
    /// the new one written whole, then moved over) and makes it the practice. Returns the problems, if any: nothing is
    /// written then.
    /// </summary>
    public async Task<IReadOnlyList<ConfigProblem>> SaveAsync(string json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        await saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SaveLockedAsync(json, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            saving.Release();
        }
    }

    /// <summary>
    /// Changes one part of porter.json: reads the file as a tree, lets <paramref name="edit"/> change it (false: no
    /// change), and saves it as <see cref="SaveAsync"/> does. Reading, changing and writing happen under one lock, so
    /// two edits at once never lose one another. Throws <see cref="System.Text.Json.JsonException"/> when the file is
    /// not JSON.
    /// </summary>
    public async Task<ConfigEditResult> EditAsync(Func<JsonObject, bool> edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string text = await ReadFileAsync(cancellationToken).ConfigureAwait(false);
            JsonObject root = ConfigEdits.Read(text);
            if (!edit(root))
            {
                return new ConfigEditResult(false, text, []);
            }

            string json = ConfigEdits.Write(root);
            return new ConfigEditResult(true, json, await SaveLockedAsync(json, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            saving.Release();
        }
    }

    private async Task<IReadOnlyList<ConfigProblem>> SaveLockedAsync(string json, CancellationToken cancellationToken)
    {
        PorterConfig config;
        try
        {
            config = ConfigReader.Parse(json, Path.GetFileName(path), Path.GetDirectoryName(path)!, DateTimeZoneProviders.Tzdb);
        }
        catch (ConfigException e)
        {
            return e.Problems;
        }

        string temporary = path + ".saving";
        await File.WriteAllTextAsync(temporary, json, cancellationToken).ConfigureAwait(false);
        if (File.Exists(path))
        {
            File.Copy(path, path + ".bak", overwrite: true);
        }

        File.Move(temporary, path, overwrite: true);
        current = With(config, current.Practice.Professional.Status);
        return [];
    }

    /// <inheritdoc />
    public void Dispose() => saving.Dispose();

    private static Snapshot With(PorterConfig config, ProfessionalStatus status)
    {
        PorterConfig withStatus = config with { Professional = config.Professional with { Status = status } };
        return new Snapshot(withStatus, withStatus.ToPractice());
    }

    private sealed record Snapshot(PorterConfig Config, Practice Practice);
}

/// <summary>What an edit of porter.json came to.</summary>
/// <param name="Changed">Whether the edit changed anything (and a save was tried).</param>
/// <param name="Json">The file's text after the edit (written only when there are no problems).</param>
/// <param name="Problems">Why it was not written, if it was not.</param>
public sealed record ConfigEditResult(bool Changed, string Json, IReadOnlyList<ConfigProblem> Problems);
