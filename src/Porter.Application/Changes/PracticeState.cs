using NodaTime;
using Porter.Configuration;
using Porter.Domain.Agreements;

namespace Porter.Application.Changes;

/// <summary>
/// The use case "change the practice", and the practice that decisions are made against now. It lives in the database
/// as versions (behind <see cref="IPracticeVersions"/>: who, when, each field before and after, the whole document and
/// the holiday calendars it names), so every instance on one database decides against the same practice: a change
/// saved on one is taken up by the others within a second (<see cref="RefreshAsync"/>, polled by the host).
/// porter.json (behind <see cref="IPracticeFile"/>) is the way in and out: it seeds the database on the first start, a
/// copy of it newer than the database's version is taken in at start (<see cref="PracticeSource.Choose"/>), and each
/// instance writes the version it uses back to its own porter.json. Each professional's status (available, focus, off,
/// vacation) is kept in the database too. Every decision stores the <see cref="Version"/> it was made against. The
/// dashboard, the API and other instances change the practice only through here, and whoever needs to follow a change
/// (the announcer of changed hours) listens with <see cref="OnChanged"/>.
/// </summary>
/// <threadsafety>Safe for concurrent use: the configuration, the practice and the version are swapped together, whole.</threadsafety>
public sealed class PracticeState : IDisposable
{
    /// <summary>The subject of the practice's change records.</summary>
    public const string PracticeSubject = "practice";

    /// <summary>The subject of the professionals' status changes.</summary>
    public const string StatusSubject = "status";

    /// <summary>Who changed porter.json when Porter finds it changed at start.</summary>
    public const string FileActor = "porter.json at start";

    private readonly IPracticeFile file;
    private readonly IPracticeVersions versions;
    private readonly IClock clock;
    private readonly SemaphoreSlim saving = new(1, 1);
    private readonly List<Func<CancellationToken, Task<int>>> listeners = [];
    private volatile Snapshot current;
    private long seen;

    /// <summary>Starts from porter.json's practice as read at start; <see cref="LoadAsync"/> takes up the database's.</summary>
    public PracticeState(PorterConfig config, IPracticeFile file, IPracticeVersions versions, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(versions);
        this.file = file;
        this.versions = versions;
        this.clock = clock;
        current = new Snapshot(config, config.ToOrganisation(), null);
    }

    /// <summary>The practice now: every professional's, and which of them a message or client is for.</summary>
    public Organisation Current => current.Organisation;

    /// <summary>The practice now and its version, read together (a decision stores the version it was made against).</summary>
    public (Organisation Organisation, long? Version) CurrentWithVersion
    {
        get
        {
            Snapshot now = current;
            return (now.Organisation, now.Version);
        }
    }

    /// <summary>
    /// Tells <paramref name="listener"/> of every change to the practice this instance takes up, saved here or taken up
    /// from another instance (the announcer of changed hours listens); what it returns (how many announcements it
    /// queued) is handed back to the one who saved.
    /// </summary>
    public void OnChanged(Func<CancellationToken, Task<int>> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (listeners)
        {
            listeners.Add(listener);
        }
    }

    private async Task<int> ChangedAsync(CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task<int>>[] now;
        lock (listeners)
        {
            now = [.. listeners];
        }

        int total = 0;
        foreach (Func<CancellationToken, Task<int>> listener in now)
        {
            total += await listener(cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>The practice's version: the id of its latest change record; null until <see cref="LoadAsync"/> has run.</summary>
    public long? Version => current.Version;

    /// <summary>The configuration now (with the chosen status).</summary>
    public PorterConfig Config => current.Config;


    /// <summary>
    /// Takes the practice from the database, or from porter.json when the database has none yet or the file is newer
    /// than the database's latest version and differs from it (the file is then recorded as a new version); applies the
    /// status kept in the database.
    /// </summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            PracticeVersion? latest = await versions.LatestAsync(cancellationToken).ConfigureAwait(false);
            string text = await file.ReadAsync(cancellationToken).ConfigureAwait(false);
            Dictionary<string, string> files = file.FilesBeside(text);
            StartWith choice = PracticeSource.Choose(latest?.At, file.WrittenAt, latest?.DiffersFrom(text, files) ?? false, string.Equals(latest?.Document, text, StringComparison.Ordinal));
            if (choice == StartWith.TheFile || latest is null)
            {
                PorterConfig config = Parse(text, files);
                long version = await versions.RecordAsync(text, files, FileActor, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
                current = With(config, await StatusesAsync(config, cancellationToken).ConfigureAwait(false), version);
            }
            else
            {
                // The version on record; ApplyAsync writes it back to porter.json when the text differs (StartWith.TheVersionWrittenBack).
                await ApplyAsync(latest, cancellationToken).ConfigureAwait(false);
            }

            seen = await versions.LastChangeAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            saving.Release();
        }
    }

    /// <summary>
    /// Takes up what another instance changed since this one last looked (a new version of the practice, a new status),
    /// when anything did; returns whether it did.
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        long last = await versions.LastChangeAsync(cancellationToken).ConfigureAwait(false);
        if (last <= Volatile.Read(ref seen))
        {
            return false;
        }

        await saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await versions.LatestAsync(cancellationToken).ConfigureAwait(false) is { } latest)
            {
                await ApplyAsync(latest, cancellationToken).ConfigureAwait(false);
            }

            Volatile.Write(ref seen, last);
        }
        finally
        {
            saving.Release();
        }

        await ChangedAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Makes <paramref name="latest"/> the practice (its status from the database) and writes it to porter.json when the file differs.</summary>
    private async Task ApplyAsync(PracticeVersion latest, CancellationToken cancellationToken)
    {
        PorterConfig config = latest.Id == current.Version ? current.Config : Parse(latest.Document, latest.Files);
        current = With(config, await StatusesAsync(config, cancellationToken).ConfigureAwait(false), latest.Id);
        string text = await file.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(text, latest.Document, StringComparison.Ordinal))
        {
            await file.WriteAsync(latest.Document, latest.Files, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Each professional's status as chosen in the dashboard (kept in the database), else as porter.json says.</summary>
    private async Task<Dictionary<string, StatusChoice>> StatusesAsync(PorterConfig config, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> saved = await versions.StatusesAsync(cancellationToken).ConfigureAwait(false);
        var statuses = new Dictionary<string, StatusChoice>(StringComparer.Ordinal);
        foreach (ProfessionalSettings member in config.Professionals)
        {
            string id = member.Professional.Id;

            // Before several professionals, the one status was kept without an id; it is the first professional's.
            string? value = saved.GetValueOrDefault(id) ?? (member == config.First ? saved.GetValueOrDefault("") : null);
            statuses[id] = value is not null && StatusChoice.TryParse(value, out StatusChoice chosen) ? chosen : new StatusChoice(member.Professional.Status, member.Professional.AwayUntil);
        }

        return statuses;
    }

    /// <summary>Sets a professional's status: decisions from now on use it, it is kept, and the change is on record.</summary>
    /// <param name="professionalId">Whose status.</param>
    /// <param name="status">The status.</param>
    /// <param name="actor">Who sets it.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <param name="until">For off or vacation, the day they are back, if said (messages wait for their first working stretch that day).</param>
    /// <returns>False when no professional has that id.</returns>
    public async Task<bool> SetStatusAsync(string professionalId, ProfessionalStatus status, string actor, CancellationToken cancellationToken, LocalDate? until = null)
    {
        ArgumentNullException.ThrowIfNull(professionalId);
        ArgumentNullException.ThrowIfNull(actor);
        await saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (current.Organisation.Find(professionalId) is not { } practice)
            {
                return false;
            }

            var chosen = new StatusChoice(status, status is ProfessionalStatus.Off or ProfessionalStatus.Vacation ? until : null);
            string name = chosen.ToString();
            string before = new StatusChoice(practice.Professional.Status, practice.Professional.AwayUntil).ToString();
            string field = current.Config.Professionals.Length == 1 ? "professional.status" : $"professionals[{professionalId}].status";
            FieldChange? change = before == name ? null : new FieldChange(field, $"\"{before}\"", $"\"{name}\"");
            await versions.SetStatusAsync(professionalId, name, change, actor, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
            current = With(current.Config, Statuses(current.Organisation, professionalId, chosen), current.Version);
            return true;
        }
        finally
        {
            saving.Release();
        }
    }

    private static Dictionary<string, StatusChoice> Statuses(Organisation organisation, string? changed = null, StatusChoice? status = null) =>
        organisation.Practices.ToDictionary(
            p => p.Professional.Id,
            p => p.Professional.Id == changed && status is { } chosen ? chosen : new StatusChoice(p.Professional.Status, p.Professional.AwayUntil),
            StringComparer.Ordinal);

    /// <summary>porter.json as it is on disk now.</summary>
    public Task<string> ReadFileAsync(CancellationToken cancellationToken) => file.ReadAsync(cancellationToken);

    /// <summary>Keeps a file beside porter.json (a holiday calendar about to be named in it), by its relative path.</summary>
    public Task WriteBesideAsync(string relative, string text, CancellationToken cancellationToken) => file.WriteBesideAsync(relative, text, cancellationToken);

    /// <summary>
    /// Checks a new porter.json with the same reader as at start (relative paths, such as holiday calendars, from the
    /// file's folder); when it has no problems, writes it in place of the file (the old one kept as porter.json.bak,
    /// the new one written whole, then moved over) and makes it the practice. Returns the problems, if any: nothing is
    /// written then.
    /// </summary>
    public async Task<PracticeSaved> SaveAsync(string json, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(actor);
        await saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyList<ConfigProblem> problems = await SaveLockedAsync(json, actor, cancellationToken).ConfigureAwait(false);
            return new PracticeSaved(problems, problems.Count > 0 ? 0 : await ChangedAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            saving.Release();
        }
    }

    /// <summary>
    /// Changes one part of porter.json: reads the file, lets <paramref name="edit"/> make the new text from it (null: no
    /// change), and saves it as <see cref="SaveAsync"/> does. Reading, changing and writing happen under one lock, so
    /// two edits at once never lose one another; what <paramref name="edit"/> throws (the file is not JSON) comes out.
    /// </summary>
    public async Task<ConfigEditResult> EditAsync(Func<string, string?> edit, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentNullException.ThrowIfNull(actor);
        await saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string text = await ReadFileAsync(cancellationToken).ConfigureAwait(false);
            if (edit(text) is not { } json)
            {
                return new ConfigEditResult(false, text, [], 0);
            }

            IReadOnlyList<ConfigProblem> problems = await SaveLockedAsync(json, actor, cancellationToken).ConfigureAwait(false);
            return new ConfigEditResult(true, json, problems, problems.Count > 0 ? 0 : await ChangedAsync(cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            saving.Release();
        }
    }

    private async Task<IReadOnlyList<ConfigProblem>> SaveLockedAsync(string json, string actor, CancellationToken cancellationToken)
    {
        // The calendars it names: from the folder (a calendar just imported), else as kept with the version in force.
        PracticeVersion? latest = await versions.LatestAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<string, string> files = file.FilesBeside(json);
        foreach (string relative in ConfigReader.ReferencedFiles(json))
        {
            if (!files.ContainsKey(relative) && latest is not null && latest.Files.TryGetValue(relative, out string? kept))
            {
                files[relative] = kept;
            }
        }

        PorterConfig config;
        try
        {
            config = Parse(json, files);
        }
        catch (ConfigException e)
        {
            return e.Problems;
        }

        await file.WriteAsync(json, new Dictionary<string, string>(), cancellationToken).ConfigureAwait(false);
        long version = await versions.RecordAsync(json, files, actor, clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        current = With(config, Statuses(current.Organisation), version);
        return [];
    }

    /// <summary>Reads a document with the reader used at start; its calendars come from <paramref name="files"/>.</summary>
    private PorterConfig Parse(string json, IReadOnlyDictionary<string, string> files) =>
        ConfigReader.Parse(json, file.Name, files, DateTimeZoneProviders.Tzdb);

    /// <inheritdoc />
    public void Dispose() => saving.Dispose();

    /// <summary>The configuration with the statuses chosen (a professional not among them keeps porter.json's), prepared for decisions.</summary>
    private static Snapshot With(PorterConfig config, IReadOnlyDictionary<string, StatusChoice> statuses, long? version)
    {
        foreach ((string id, StatusChoice status) in statuses)
        {
            config = config.WithStatus(id, status.Status, status.Until);
        }

        return new Snapshot(config, config.ToOrganisation(), version);
    }

    private sealed record Snapshot(PorterConfig Config, Organisation Organisation, long? Version);
}

/// <summary>What an edit of porter.json came to.</summary>
/// <param name="Changed">Whether the edit changed anything (and a save was tried).</param>
/// <param name="Json">The file's text after the edit (written only when there are no problems).</param>
/// <param name="Problems">Why it was not written, if it was not.</param>
/// <param name="Announced">How many announcements of changed hours the change queued.</param>
public sealed record ConfigEditResult(bool Changed, string Json, IReadOnlyList<ConfigProblem> Problems, int Announced);

/// <summary>What saving a whole porter.json came to.</summary>
/// <param name="Problems">Why it was not saved, if it was not.</param>
/// <param name="Announced">How many announcements of changed hours the change queued.</param>
public sealed record PracticeSaved(IReadOnlyList<ConfigProblem> Problems, int Announced);

/// <summary>A status as chosen, with the day the professional is back when off or on vacation; kept as "vacation" or "vacation until 2026-12-14".</summary>
/// <param name="Status">The status.</param>
/// <param name="Until">The day they are back, if said.</param>
public readonly record struct StatusChoice(ProfessionalStatus Status, LocalDate? Until)
{
    private const string UntilWord = " until ";

    /// <summary>Reads a kept status; false for anything else.</summary>
    public static bool TryParse(string text, out StatusChoice choice)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Split(UntilWord, 2, StringSplitOptions.TrimEntries);
        LocalDate? until = null;
        if (parts.Length == 2)
        {
            if (NodaTime.Text.LocalDatePattern.Iso.Parse(parts[1]) is not { Success: true } parsed)
            {
                choice = default;
                return false;
            }

            until = parsed.Value;
        }

        bool known = Enum.TryParse(parts[0], ignoreCase: true, out ProfessionalStatus status) && Enum.IsDefined(status) && !char.IsAsciiDigit(parts[0].FirstOrDefault());
        choice = new StatusChoice(status, until);
        return known;
    }

    /// <inheritdoc />
    public override string ToString() =>
        Status.ToString().ToLowerInvariant() + (Until is { } until ? UntilWord + NodaTime.Text.LocalDatePattern.Iso.Format(until) : "");
}
