using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Porter.Testing;

/// <summary>What the tests' real peers (PostgreSQL, Dovecot, aiosmtpd, porter serve) need to start on loopback.</summary>
internal static class Loopback
{
    /// <summary>A TCP port nobody listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on <paramref name="port"/>, for ten seconds at most.</summary>
    /// <param name="port">The port.</param>
    /// <param name="failed">Says why to stop waiting (the server exited), or null to go on.</param>
    public static async Task WaitForPortAsync(int port, Func<Task<string?>>? failed = null)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                if (failed is not null && await failed() is { } reason)
                {
                    throw new InvalidOperationException(reason);
                }

                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Nothing listens on 127.0.0.1:{port} after 10 s.");
    }

    /// <summary>Runs a program to its end; throws with its error output when it fails.</summary>
    public static async Task RunAsync(string file, string arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot start {file}.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
