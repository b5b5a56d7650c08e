using System.Diagnostics;
using MimeKit;

namespace Porter.Testing;

/// <summary>
/// A real SMTP server on loopback that keeps what it receives: Debian's aiosmtpd with its Maildir handler
/// (python3-aiosmtpd, run with /usr/bin/python3, the interpreter that has the Debian module).
/// </summary>
public sealed class SmtpCapture : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("porter-smtp-").FullName;
    private Process? process;

    public int Port { get; private set; }

    /// <summary>Every message received so far.</summary>
    public IReadOnlyList<MimeMessage> Received =>
        [.. new[] { "new", "cur" }.Select(d => Path.Combine(folder, "maildir", d)).Where(Directory.Exists)
            .SelectMany(Directory.GetFiles).Order(StringComparer.Ordinal).Select(f => MimeMessage.Load(f))];

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
        foreach (string argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Path.Combine(folder, "maildir") })
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
