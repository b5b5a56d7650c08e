using System.Diagnostics;
using MimeKit;

namespace Porter.Testing;

/// <summary>
/// A real SMTP server on loopback that keeps what it receives: Debian's aiosmtpd with its Maildir handler
/// (python3-aiosmtpd, run with /usr/bin/python3, the interpreter that has the Debian module).
/// </summary>
public class SmtpCapture : IAsyncLifetime
{
    /// <summary>A Maildir handler that waits before taking each message, so a test can stop a sender mid-batch.</summary>
    private const string SlowHandler = """
        import asyncio
        from aiosmtpd.handlers import Mailbox

        class SlowMailbox(Mailbox):
            def __init__(self, mail_dir, delay):
                super().__init__(mail_dir)
                self.delay = float(delay)

            async def handle_DATA(self, server, session, envelope):
                await asyncio.sleep(self.delay)
                return await super().handle_DATA(server, session, envelope)

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(args[0], args[1])
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("porter-smtp-").FullName;
    private readonly TimeSpan delay;
    private Process? process;

    /// <summary>A server that takes each message at once.</summary>
    public SmtpCapture()
        : this(TimeSpan.Zero)
    {
    }

    /// <summary>A server that waits <paramref name="delay"/> before taking each message (and answering 250).</summary>
    protected SmtpCapture(TimeSpan delay) => this.delay = delay;

    public int Port { get; private set; }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Received =>
        [.. new[] { "new", "cur" }.Select(d => Path.Combine(folder, "maildir", d)).Where(Directory.Exists)
            .SelectMany(Directory.GetFiles).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))];

    /// <summary>The messages whose text says "of <paramref name="tag"/>" (how tests mark the mail they send).</summary>
    public static List<MimeMessage> Tagged(IEnumerable<MimeMessage> messages, string tag) =>
        [.. messages.Where(m => m.TextBody?.Contains($"of {tag}", StringComparison.Ordinal) == true)];

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived (or the time is up) and returns them all.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (within ?? TimeSpan.FromSeconds(20)))
        {
            IReadOnlyList<MimeMessage> received = Received;
            if (received.Count >= count)
            {
                return received;
            }

            await Task.Delay(100);
        }

        return Received;
    }

    public async Task InitializeAsync()
    {
        Port = Loopback.FreePort();
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] handler = ["aiosmtpd.handlers.Mailbox", Path.Combine(folder, "maildir")];
        if (delay > TimeSpan.Zero)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "slow_mailbox.py"), SlowHandler);
            start.Environment["PYTHONPATH"] = folder;
            handler = ["slow_mailbox.SlowMailbox", Path.Combine(folder, "maildir"), delay.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        foreach (string argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c" }.Concat(handler))
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start aiosmtpd (apt-get install python3-aiosmtpd).");
        Process started = process;
        await Loopback.WaitForPortAsync(Port, async () => started.HasExited ? $"aiosmtpd exited: {await started.StandardError.ReadToEndAsync()}" : null);
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>An SMTP capture server that takes 100 ms over each message: a batch of sends lasts long enough to be interrupted.</summary>
public sealed class SlowSmtpCapture() : SmtpCapture(TimeSpan.FromMilliseconds(100));
