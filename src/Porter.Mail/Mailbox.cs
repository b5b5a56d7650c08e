using System.IO.Compression;
using MimeKit;

namespace Porter.Mail;

/// <summary>The kinds of mail store Porter reads.</summary>
public enum MailboxFormat
{
    /// <summary>An mbox or mboxrd file (messages after "From " lines).</summary>
    Mbox,

    /// <summary>A single message file (.eml).</summary>
    Message,

    /// <summary>A Maildir folder (cur/ and new/).</summary>
    Maildir,

    /// <summary>A folder of message files.</summary>
    Folder,
}

/// <summary>One message read from a mailbox, or why it could not be read.</summary>
/// <param name="Index">Its position in the mailbox, from 1.</param>
/// <param name="Source">Where it is: the file, with the byte offset for mbox.</param>
/// <param name="Message">The message, when it parsed.</param>
/// <param name="Error">Why it could not be read, otherwise.</param>
/// <param name="Bytes">How many bytes of the mailbox it took.</param>
public sealed record MailboxItem(long Index, string Source, MimeMessage? Message, string? Error, long Bytes);

/// <summary>
/// Streams the messages of an mbox/mboxrd file, a Maildir, a folder of .eml files or one .eml file; gzip-compressed
/// files (.gz) are read directly. One message is in memory at a time; a message that does not parse becomes an item
/// with an error and reading goes on.
/// </summary>
public static class Mailbox
{
    private static readonly string[] MaildirSubfolders = ["cur", "new"];

    /// <summary>What kind of mailbox <paramref name="path"/> is.</summary>
    /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
    public static MailboxFormat Detect(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            return Directory.Exists(Path.Combine(path, "cur")) || Directory.Exists(Path.Combine(path, "new")) ? MailboxFormat.Maildir : MailboxFormat.Folder;
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no mailbox at {path}", path);
        }

        using Stream stream = Open(path);
        Span<byte> start = stackalloc byte[5];
        int read = stream.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
        return read == 5 && start.SequenceEqual("From "u8) ? MailboxFormat.Mbox : MailboxFormat.Message;
    }

    /// <summary>Reads every message, in order.</summary>
    public static IEnumerable<MailboxItem> Read(string path, CancellationToken cancellationToken = default)
    {
        return Detect(path) switch
        {
            MailboxFormat.Mbox => ReadMbox(path, cancellationToken),
            MailboxFormat.Message => ReadFiles([path], cancellationToken),
            MailboxFormat.Maildir => ReadFiles(MaildirFiles(path), cancellationToken),
            _ => ReadFiles(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal), cancellationToken),
        };
    }

    /// <summary>Opens a file for reading, decompressing gzip (by its magic bytes, whatever the name).</summary>
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> magic = stackalloc byte[2];
        int read = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16) : file;
    }

    private static bool IsMbox(string file)
    {
        try
        {
            return Detect(file) == MailboxFormat.Mbox;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return false; // reading it as a message will say what is wrong
        }
    }

    private static IEnumerable<string> MaildirFiles(string path) =>
        MaildirSubfolders
            .Select(sub => Path.Combine(path, sub))
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.EnumerateFiles(dir).Order(StringComparer.Ordinal));

    private static IEnumerable<MailboxItem> ReadMbox(string path, CancellationToken cancellationToken)
    {
        using Stream stream = Open(path);
        var parser = new MimeParser(stream, MimeFormat.Mbox, persistent: false);
        long index = 0;
        long lastPosition = -1;
        while (!parser.IsEndOfStream)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long start = parser.Position;
            if (start == lastPosition)
            {
                yield return new MailboxItem(++index, $"{path}@{start}", null, "the mbox could not be read past this point", 0);
                yield break;
            }

            lastPosition = start;
            MimeMessage? message = null;
            string? error = null;
            try
            {
                message = parser.ParseMessage(cancellationToken);
            }
            catch (FormatException e)
            {
                error = $"not a MIME message: {e.Message}";
            }

            long offset = parser.MboxMarkerOffset;
            yield return new MailboxItem(++index, $"{path}@{(error is null ? offset : start)}", message, error, parser.Position - start);
        }
    }

    private static IEnumerable<MailboxItem> ReadFiles(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        long index = 0;
        foreach (string file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (IsMbox(file))
            {
                // An mbox inside a folder holds many messages: read them all, numbered on from this folder's count.
                foreach (MailboxItem item in ReadMbox(file, cancellationToken))
                {
                    yield return item with { Index = ++index };
                }

                continue;
            }

            MimeMessage? message = null;
            string? error = null;
            long bytes = 0;
            try
            {
                using Stream stream = Open(file);
                message = MimeMessage.Load(stream, cancellationToken);
                bytes = new FileInfo(file).Length;
            }
            catch (FormatException e)
            {
                error = $"not a MIME message: {e.Message}";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                error = $"cannot read: {e.Message}";
            }

            yield return new MailboxItem(++index, file, message, error, bytes);
        }
    }
}
