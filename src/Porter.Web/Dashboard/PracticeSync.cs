using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Porter.Application.Changes;

namespace Porter.Web.Dashboard;

/// <summary>
/// Keeps this instance's practice in step with the database: looks for changes made by other instances (a new version
/// of the practice, a new status) every <see cref="ServiceOptions.PracticeSyncInterval"/> (one second by default; one
/// indexed <c>max(id)</c> when nothing changed), so a change saved on one instance decides the next message on every
/// other within about that.
/// </summary>
internal sealed partial class PracticeSync(PracticeState practice, ServiceOptions options, ILogger<PracticeSync> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PracticeSyncInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (await practice.RefreshAsync(stoppingToken).ConfigureAwait(false))
                {
                    Refreshed(logger, practice.Version);
                }
            }
#pragma warning disable CA1031 // A database that is away for a moment must not stop the looking: the next tick tries again.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Failed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The practice changed elsewhere: now at version {Version}")]
    private static partial void Refreshed(ILogger logger, long? version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for changes to the practice; trying again")]
    private static partial void Failed(ILogger logger, Exception error);
}
