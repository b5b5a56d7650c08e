using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Application.Changes;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Storage;
using Porter.Storage.Model;

namespace Porter.Web.Dashboard;

/// <summary>
/// The practice that decisions are made against now: porter.json's, with the status the professional last chose in
/// the dashboard (available, focus, off, vacation), which is kept in the database and outlives restarts. Settings
/// saved in the browser are written to porter.json itself (the file stays the one source, so the two never drift)
/// and take effect at once. Every change is on record (<see cref="ChangeRecord"/>: who, when, each field before and
/// after, and the document after it), and the record's id is the practice's <see cref="Version"/>, which every
/// decision stores; porter.json changed while Porter was stopped is recorded at the next start.
/// </summary>
/// <threadsafety>Safe for concurrent use: the configuration and the practice are swapped together, whole.</threadsafety>
public sealed class PracticeState : IDisposable
{
    private const string StatusKey = "professional-status";

    /// <summary>The subject of the practice's change records.</summary>
    public const string PracticeSubject = "practice";

    /// <summary>The subject of the professional's status changes.</summary>
    public const string StatusSubject = "status";

    /// <summary>Who changed porter.json when Porter finds it changed at start.</summary>
    public const string FileActor = "porter.json at start";

    private readonly string path;
    private readonly IDbContextFactory<PorterDb> contexts;
    private readonly IClock clock;
    private readonly SemaphoreSlim saving = new(1, 1);
    private volatile Snapshot current;

    /// <summary>Starts from porter.json's practice; <see cref="LoadAsync"/> applies a status chosen earlier.</summary>
    public PracticeState(ServiceOptions options, PorterConfig config, IDbContextFactory<PorterDb> contexts, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        path = Path.GetFullPath(options.ConfigPath);
        this.contexts = contexts;
        this.clock = clock;
        current = new Snapshot(config, config.ToPractice(), null);
    }

    /// <summary>The practice now.</summary>
    public Practice Current => current.Practice;

    /// <summary>The practice now and its version, read together (a decision stores the version it was made against).</summary>
    public (Practice Practice, long? Version) CurrentWithVersion
    {
        get
        {
            Snapshot now = current;
            return (now.Practice, now.Version);
        }
    }

    /// <summary>The practice's version: the id of its latest change record; null until <see cref="LoadAsync"/> has run.</summary>
    public long? Version => current.Version;

    /// <summary>The configuration now (with the chosen status).</summary>
    public PorterConfig Config => current.Config;

    /// <summary>The configuration file.</summary>
    public string ConfigPath => path;

    /// <summary>
    /// Applies the status kept in the database, if one was chosen, and the practice's version: porter.json as read at
    /// start is recorded as a new version when it differs from the last one on record (or there is none yet).
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            SettingRecord? saved = await db.Settings.AsNoTracking().FirstOrDefaultAsync(s => s.Key == StatusKey, cancellationToken).ConfigureAwait(false);
            ProfessionalStatus status = saved is not null && Enum.TryParse(saved.Value, ignoreCase: true, out ProfessionalStatus chosen) ? chosen : current.Practice.Professional.Status;
            long version = await RecordDocumentAsync(db, await ReadFileAsync(cancellationToken).ConfigureAwait(false), FileActor, cancellationToken).ConfigureAwait(false);
            current = With(current.Config, status, version);
        }
        finally
        {
            saving.Release();
        }
    }

    /// <summary>Sets the professional's status: decisions from now on use it, it is kept, and the change is on record.</summary>
    public async Task SetStatusAsync(ProfessionalStatus status, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            string name = status.ToString().ToLowerInvariant();
            string before = current.Practice.Professional.Status.ToString().ToLowerInvariant();
            SettingRecord? saved = await db.Settings.FirstOrDefaultAsync(s => s.Key == StatusKey, cancellationToken).ConfigureAwait(false);
            if (saved is null)
            {
                db.Settings.Add(new SettingRecord { Key = StatusKey, Value = name });
            }
            else
            {
                saved.Value = name;
            }

            if (before != name)
            {
                db.Changes.Add(Record(StatusSubject, actor, [new FieldChange("professional.status", $"\"{before}\"", $"\"{name}\"")], document: null));
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            current = With(current.Config, status, current.Version);
        }
        finally
        {
            saving.Release();
        }
    }

    /// <summary>porter.json as it is on disk now.</summary>
    public Task<string> ReadFileAsync(CancellationToken cancellationToken) => File.ReadAllTextAsync(path, cancellationToken);

    /// <summary>
    /// Checks a new porter.json with the same reader as at start (relative paths, such as holiday calendars, from the
    /// file's folder); when it has no problems, writes it in place of the file (the old one kept as porter.json.bak,
    /// the new one written whole, then moved over) and makes it the practice. Returns the problems, if any: nothing is
    /// written then.
    /// </summary>
    public async Task<IReadOnlyList<ConfigProblem>> SaveAsync(string json, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(actor);
        await saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SaveLockedAsync(json, actor, cancellationToken).ConfigureAwait(false);
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
    public async Task<ConfigEditResult> EditAsync(Func<JsonObject, bool> edit, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(actor);
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
            return new ConfigEditResult(true, json, await SaveLockedAsync(json, actor, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            saving.Release();
        }
    }

    private async Task<IReadOnlyList<ConfigProblem>> SaveLockedAsync(string json, string actor, CancellationToken cancellationToken)
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
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        long version = await RecordDocumentAsync(db, json, actor, cancellationToken).ConfigureAwait(false);
        current = With(config, current.Practice.Professional.Status, version);
        return [];
    }

    /// <summary>
    /// Records <paramref name="document"/> as the practice's new version when it differs from the last one on record
    /// (in its settings: comments and layout do not count); returns the version now.
    /// </summary>
    private async Task<long> RecordDocumentAsync(PorterDb db, string document, string actor, CancellationToken cancellationToken)
    {
        var latest = await db.Changes.AsNoTracking()
            .Where(c => c.Subject == PracticeSubject && c.Document != null)
            .OrderByDescending(c => c.Id)
            .Select(c => new { c.Id, c.Document })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<FieldChange> changes = PracticeChanges.Between(latest?.Document, document);
        if (latest is not null && changes.Count == 0)
        {
            return latest.Id;
        }

        ChangeRecord record = Record(PracticeSubject, actor, changes, document);
        db.Changes.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return record.Id;
    }

    private ChangeRecord Record(string subject, string actor, IReadOnlyList<FieldChange> changes, string? document) => new()
    {
        Subject = subject,
        At = clock.GetCurrentInstant(),
        Actor = actor.Length > 320 ? actor[..320] : actor,
        Summary = PracticeChanges.Summary(changes),
        Changes = System.Text.Json.JsonSerializer.Serialize(changes, System.Text.Json.JsonSerializerOptions.Web),
        Document = document,
    };

    /// <inheritdoc />
    public void Dispose() => saving.Dispose();

    private static Snapshot With(PorterConfig config, ProfessionalStatus status, long? version)
    {
        PorterConfig withStatus = config with { Professional = config.Professional with { Status = status } };
        return new Snapshot(withStatus, withStatus.ToPractice(), version);
    }

    private sealed record Snapshot(PorterConfig Config, Practice Practice, long? Version);
}

/// <summary>What an edit of porter.json came to.</summary>
/// <param name="Changed">Whether the edit changed anything (and a save was tried).</param>
/// <param name="Json">The file's text after the edit (written only when there are no problems).</param>
/// <param name="Problems">Why it was not written, if it was not.</param>
public sealed record ConfigEditResult(bool Changed, string Json, IReadOnlyList<ConfigProblem> Problems);
