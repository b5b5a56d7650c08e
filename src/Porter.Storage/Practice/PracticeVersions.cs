using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Porter.Application.Changes;

using Porter.Storage.Model;

namespace Porter.Storage.Practice;

/// <summary>
/// The practice's versions in <c>change_records</c> (subject <c>practice</c>): each keeps the whole document and its
/// files, so any version reads back whole on any instance, and the changes from the one before (each field before and
/// after) for people to read. Shared by the service, <c>porter practice import</c> and <c>porter practice export</c>.
/// </summary>
public static class PracticeVersions
{
    /// <summary>The subject of the practice's change records.</summary>
    public const string Subject = PracticeState.PracticeSubject;

    /// <summary>The latest version of the context's organisation, or null when none is on record.</summary>
    public static async Task<PracticeVersion?> LatestAsync(PorterDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ChangeRecord? record = await db.Changes.AsNoTracking()
            .Where(c => c.Subject == Subject && c.Document != null)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return record is null ? null : From(record);
    }

    /// <summary>A version by its id, or null when there is no such version of the practice.</summary>
    public static async Task<PracticeVersion?> FindAsync(PorterDb db, long id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ChangeRecord? record = await db.Changes.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == id && c.Subject == Subject && c.Document != null, cancellationToken).ConfigureAwait(false);
        return record is null ? null : From(record);
    }

    /// <summary>
    /// Records <paramref name="document"/> with its files as a new version when its text or files differ from the latest
    /// (or there is none); returns the version in force afterwards.
    /// </summary>
    public static async Task<long> RecordAsync(PorterDb db, string document, IReadOnlyDictionary<string, string> files, string actor, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        PracticeVersion? latest = await LatestAsync(db, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<FieldChange> changes = PracticeChanges.Between(latest?.Document, document);
        // The same text and files: nothing new. Other text with the same settings (a comment, another layout) is a new
        // version all the same, with no field changed, so the file on disk and the version in force stay one text.
        if (latest is not null && string.Equals(latest.Document, document, StringComparison.Ordinal) && latest.SameFiles(files))
        {
            return latest.Id;
        }

        ChangeRecord record = Change(Subject, actor, at, changes, document);
        record.Files = JsonSerializer.Serialize(files);
        db.Changes.Add(record);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return record.Id;
    }

    /// <summary>A change record (not yet added) of <paramref name="subject"/>: the changes, summarised, and the document when there is one.</summary>
    public static ChangeRecord Change(string subject, string actor, Instant at, IReadOnlyList<FieldChange> changes, string? document)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(changes);
        return new ChangeRecord
        {
            Subject = subject,
            At = at,
            Actor = actor.Length > 320 ? actor[..320] : actor,
            Summary = PracticeChanges.Summary(changes),
            Changes = JsonSerializer.Serialize(changes, JsonSerializerOptions.Web),
            Document = document,
        };
    }

    /// <summary>The latest change of any subject (0 when none): what instances watch to stay in step.</summary>
    public static async Task<long> LastChangeAsync(PorterDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Changes.MaxAsync(c => (long?)c.Id, cancellationToken).ConfigureAwait(false) ?? 0;
    }

    private static PracticeVersion From(ChangeRecord record) => new(
        record.Id,
        record.At,
        record.Actor,
        record.Document!,
        record.Files is { Length: > 0 } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : new Dictionary<string, string>());
}

/// <summary>
/// The storage adapter for <see cref="IPracticeVersions"/>: the practice's versions and the professionals' statuses in
/// the instance's organisation, each call on a context of its own.
/// </summary>
public sealed class EfPracticeVersions(IDbContextFactory<PorterDb> contexts) : IPracticeVersions
{
    private const string StatusKey = "professional-status";

    /// <inheritdoc />
    public async Task<PracticeVersion?> LatestAsync(CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await PracticeVersions.LatestAsync(db, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> RecordAsync(string document, IReadOnlyDictionary<string, string> files, string actor, Instant at, CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await PracticeVersions.RecordAsync(db, document, files, actor, at, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> LastChangeAsync(CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await PracticeVersions.LastChangeAsync(db, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> StatusesAsync(CancellationToken cancellationToken)
    {
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        List<SettingRecord> saved = await db.Settings.AsNoTracking()
            .Where(s => s.Key == StatusKey || s.Key.StartsWith(StatusKey + ":"))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return saved.ToDictionary(s => s.Key == StatusKey ? "" : s.Key[(StatusKey.Length + 1)..], s => s.Value, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task SetStatusAsync(string professionalId, string status, FieldChange? change, string actor, Instant at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(professionalId);
        string key = $"{StatusKey}:{professionalId}";
        await using PorterDb db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        SettingRecord? saved = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            db.Settings.Add(new SettingRecord { Key = key, Value = status });
        }
        else
        {
            saved.Value = status;
        }

        if (change is not null)
        {
            db.Changes.Add(PracticeVersions.Change(PracticeState.StatusSubject, actor, at, [change], document: null));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
