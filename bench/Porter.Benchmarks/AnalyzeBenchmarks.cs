using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using MimeKit;
using NodaTime;
using Porter.Application.Analysis;
using Porter.Configuration;
using Porter.Domain.Agreements;
using Porter.Mail;
using Porter.Testing;

namespace Porter.Benchmarks;

/// <summary>
/// `porter analyze` against a bare MimeKit parse of the same mbox, in the same run: the linux-mips sample (53.6 MB,
/// 7,008 messages), decompressed into memory first so that both measure parsing, not gzip or the disk.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class AnalyzeBenchmarks
{
    private byte[] mbox = [];
    private Practice practice = null!;

    /// <summary>The size of the mbox, to turn times into MB/s.</summary>
    public long Bytes => mbox.LongLength;

    [GlobalSetup]
    public void Setup()
    {
        using var gz = new GZipStream(File.OpenRead(Path.Combine(RepositoryPaths.Shared, "corpus", "linux-mips-list", "linux-mips-sample.mboxrd.gz")), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gz.CopyTo(memory);
        mbox = memory.ToArray();
        practice = ConfigReader.Load(Path.Combine(RepositoryPaths.Samples, "porter.json"), DateTimeZoneProviders.Tzdb).ToPractice();
        Console.WriteLine($"// mbox bytes: {mbox.LongLength}");
    }

    [Benchmark(Baseline = true)]
    public int BareMimeKitParse()
    {
        var parser = new MimeParser(new MemoryStream(mbox, writable: false), MimeFormat.Mbox, persistent: false);
        int count = 0;
        while (!parser.IsEndOfStream)
        {
            using MimeMessage message = parser.ParseMessage();
            count++;
        }

        return count;
    }

    /// <summary>Parse and read only the sender and the date: the least any decision needs.</summary>
    [Benchmark]
    public int ParseFromAndDate()
    {
        var parser = new MimeParser(new MemoryStream(mbox, writable: false), MimeFormat.Mbox, persistent: false);
        int count = 0;
        while (!parser.IsEndOfStream)
        {
            using MimeMessage message = parser.ParseMessage();
            count += message.From.Count + (MimeConversion.ArrivalTime(message) is null ? 0 : 1);
        }

        return count;
    }

    /// <summary>Parse and convert to <see cref="Porter.Domain.Messages.IncomingMessage"/>, without deciding: where the time goes.</summary>
    [Benchmark]
    public int ParseAndConvert()
    {
        var parser = new MimeParser(new MemoryStream(mbox, writable: false), MimeFormat.Mbox, persistent: false);
        int count = 0;
        while (!parser.IsEndOfStream)
        {
            using MimeMessage message = parser.ParseMessage();
            count += MimeConversion.ToIncoming(message, withBody: false).Recipients.Length;
        }

        return count;
    }

    [Benchmark]
    public long Analyze()
    {
        var analysis = new MailboxAnalysis(practice);
        var parser = new MimeParser(new MemoryStream(mbox, writable: false), MimeFormat.Mbox, persistent: false);
        long index = 0;
        while (!parser.IsEndOfStream)
        {
            MimeMessage message = parser.ParseMessage();
            MailboxAnalyzer.Analyze(analysis, new MailboxItem(++index, "mbox", message, null, 0));
        }

        return analysis.Overall.Messages;
    }
}
