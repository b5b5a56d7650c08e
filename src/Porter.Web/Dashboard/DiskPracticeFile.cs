using NodaTime;
using Porter.Application.Changes;
using Porter.Configuration;

namespace Porter.Web.Dashboard;

/// <summary>
/// The host's adapter for <see cref="IPracticeFile"/>: porter.json on this instance's disk (Porter:ConfigPath), with
/// the holiday calendars it names beside it. A write keeps the old file as porter.json.bak and moves the new one over
/// whole, so a reader never sees half a file.
/// </summary>
public sealed class DiskPracticeFile(ServiceOptions options) : IPracticeFile
{
    private readonly string path = Path.GetFullPath(options.ConfigPath);

    /// <inheritdoc />
    public string Name => Path.GetFileName(path);

    /// <inheritdoc />
    public Instant WrittenAt => Instant.FromDateTimeUtc(File.GetLastWriteTimeUtc(path));

    /// <summary>porter.json's folder, where the calendars it names are kept.</summary>
    private string Folder => Path.GetDirectoryName(path)!;

    /// <inheritdoc />
    public async Task<string> ReadAsync(CancellationToken cancellationToken) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : "";

    /// <inheritdoc />
    public Dictionary<string, string> FilesBeside(string document) => ConfigReader.FilesBeside(document, Folder);

    /// <inheritdoc />
    public async Task WriteBesideAsync(string relative, string text, CancellationToken cancellationToken)
    {
        string full = Path.GetFullPath(Path.Combine(Folder, relative));
        if (!full.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"{relative} is not beside porter.json", nameof(relative));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, text, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task WriteAsync(string document, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach ((string relative, string content) in files)
        {
            await WriteBesideAsync(relative, content, cancellationToken).ConfigureAwait(false);
        }

        string temporary = path + ".saving";
        await File.WriteAllTextAsync(temporary, document, cancellationToken).ConfigureAwait(false);
        if (File.Exists(path))
        {
            File.Copy(path, path + ".bak", overwrite: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
