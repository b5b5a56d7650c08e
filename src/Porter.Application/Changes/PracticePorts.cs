using NodaTime;

namespace Porter.Application.Changes;

/// <summary>A version of the practice: porter.json's text and the files it names (holiday calendars), by relative path.</summary>
/// <param name="Id">The version (the change record's id).</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Document">porter.json's text.</param>
/// <param name="Files">The files it names, by the path written in it.</param>
public sealed record PracticeVersion(long Id, Instant At, string Actor, string Document, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>Whether <paramref name="document"/> with <paramref name="files"/> says something else than this version (comments and layout do not count).</summary>
    public bool DiffersFrom(string document, IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(document);
        return PracticeChanges.Between(Document, document).Count > 0 || !SameFiles(files);
    }

    /// <summary>Whether <paramref name="files"/> are this version's files, each with the same text.</summary>
    public bool SameFiles(IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Files.Count == files.Count && files.All(f => Files.TryGetValue(f.Key, out string? kept) && kept == f.Value);
    }
}

/// <summary>
/// Port: where the practice's versions and every change are kept (the storage adapter: <c>change_records</c>,
/// append-only, shared by every instance on one database), with the professionals' statuses.
/// </summary>
public interface IPracticeVersions
{
    /// <summary>The latest version, or null when none is on record.</summary>
    Task<PracticeVersion?> LatestAsync(CancellationToken cancellationToken);

    /// <summary>Records the document with its files as a new version when it differs from the latest (or there is none); returns the version in force afterwards.</summary>
    Task<long> RecordAsync(string document, IReadOnlyDictionary<string, string> files, string actor, Instant at, CancellationToken cancellationToken);

    /// <summary>The latest change of any subject (0 when none): what instances watch to stay in step.</summary>
    Task<long> LastChangeAsync(CancellationToken cancellationToken);

    /// <summary>The statuses chosen in the dashboard, by professional id ("" for one kept before several professionals).</summary>
    Task<IReadOnlyDictionary<string, string>> StatusesAsync(CancellationToken cancellationToken);

    /// <summary>Keeps a professional's status and, when it changed, the change on record, together.</summary>
    Task SetStatusAsync(string professionalId, string status, FieldChange? change, string actor, Instant at, CancellationToken cancellationToken);
}

/// <summary>Port: porter.json on this instance's disk, the way the practice comes in and goes out (the host's adapter).</summary>
public interface IPracticeFile
{
    /// <summary>The file's name, for problems (<c>porter.json:12: …</c>).</summary>
    string Name { get; }

    /// <summary>When the file was last written.</summary>
    Instant WrittenAt { get; }

    /// <summary>The file's text now.</summary>
    Task<string> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The files a document names (its holiday calendars) that exist beside porter.json, with their text.</summary>
    Dictionary<string, string> FilesBeside(string document);

    /// <summary>Writes a file porter.json names beside it (a holiday calendar), by its relative path.</summary>
    Task WriteBesideAsync(string relative, string text, CancellationToken cancellationToken);

    /// <summary>Writes porter.json whole (the old one kept as porter.json.bak), with the files it names.</summary>
    Task WriteAsync(string document, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken);
}
