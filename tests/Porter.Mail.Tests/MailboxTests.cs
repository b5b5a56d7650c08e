using System.IO.Compression;
using Porter.Testing;

namespace Porter.Mail.Tests;

public class MailboxTests
{
    private static string Corpus(params string[] parts) => Path.Combine([RepositoryPaths.Shared, "corpus", .. parts]);

    private static string Temp() => Directory.CreateTempSubdirectory("porter-mail").FullName;

    private const string Message = "From: Jo <jo@acme.example>\nTo: sam@rivera.example\nSubject: Hello\nDate: Tue, 24 Nov 2026 23:10:00 +0000\n\nCan you call me?\n";

    [Fact]
    public void Read_LinuxMipsSample_ReadsEveryMessageOfTheGzippedMboxrd()
    {
        int expected = File.ReadLines(Corpus("linux-mips-list", "INDEX.tsv")).Count() - 1;
        long count = 0, errors = 0;
        foreach (MailboxItem item in Mailbox.Read(Corpus("linux-mips-list", "linux-mips-sample.mboxrd.gz")))
        {
            count++;
            errors += item.Error is null ? 0 : 1;
            item.Message?.Dispose();
        }

        Assert.Equal(7008, expected);
        Assert.Equal(expected, count);
        Assert.Equal(0, errors);
    }

    [Fact]
    public void Read_MimeEdgeFolder_AccountsForEveryFileWithoutThrowing()
    {
        var items = Mailbox.Read(Corpus("mime-edge")).ToList();
        int files = Directory.EnumerateFiles(Corpus("mime-edge"), "*", SearchOption.AllDirectories).Count();
        Assert.True(items.Count >= files, $"{items.Count} items for {files} files");
        Assert.All(items, i => Assert.True(i.Message is not null ^ i.Error is not null));
        Assert.Contains(items, i => i.Source.EndsWith("winmail.tnef", StringComparison.Ordinal) && i.Error!.StartsWith("not a MIME message", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Source.Contains("content-length.mbox.txt@", StringComparison.Ordinal)); // an mbox inside the folder is read as an mbox
    }

    [Fact]
    public void Detect_TellsTheFormats()
    {
        string dir = Temp();
        File.WriteAllText(Path.Combine(dir, "one.eml"), Message);
        File.WriteAllText(Path.Combine(dir, "box.mbox"), "From jo@acme.example Tue Nov 24 23:10:00 2026\n" + Message);
        Directory.CreateDirectory(Path.Combine(dir, "maildir", "cur"));
        Assert.Equal(MailboxFormat.Message, Mailbox.Detect(Path.Combine(dir, "one.eml")));
        Assert.Equal(MailboxFormat.Mbox, Mailbox.Detect(Path.Combine(dir, "box.mbox")));
        Assert.Equal(MailboxFormat.Maildir, Mailbox.Detect(Path.Combine(dir, "maildir")));
        Assert.Equal(MailboxFormat.Folder, Mailbox.Detect(dir));
        Assert.Throws<FileNotFoundException>(() => Mailbox.Detect(Path.Combine(dir, "missing")));
    }

    [Fact]
    public void Read_Maildir_ReadsCurAndNew()
    {
        string dir = Temp();
        Directory.CreateDirectory(Path.Combine(dir, "cur"));
        Directory.CreateDirectory(Path.Combine(dir, "new"));
        Directory.CreateDirectory(Path.Combine(dir, "tmp"));
        File.WriteAllText(Path.Combine(dir, "cur", "1.host:2,S"), Message);
        File.WriteAllText(Path.Combine(dir, "new", "2.host"), Message.Replace("Hello", "Again", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(dir, "tmp", "3.host"), "half-written");
        Assert.Equal(["Hello", "Again"], Mailbox.Read(dir).Select(i => i.Message!.Subject));
    }

    [Fact]
    public void Read_GzippedEml_IsDecompressedByItsMagicBytes()
    {
        string file = Path.Combine(Temp(), "message.eml.gz");
        using (var gz = new GZipStream(File.Create(file), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gz))
        {
            writer.Write(Message);
        }

        Assert.Equal("Hello", Assert.Single(Mailbox.Read(file)).Message!.Subject);
    }
}
