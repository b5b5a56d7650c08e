using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Porter.Web.Dashboard;

/// <summary>
/// A loop that does one piece of work every <c>interval</c> (the service's background looks: the practice, the
/// corrections, changes in messages, the agreed rhythms). A failure (a database away for a moment) is logged and the
/// next tick tries again; only stopping the service ends it.
/// </summary>
/// <param name="interval">How often.</param>
/// <param name="tickAtStart">Whether the first tick is at once (else after one interval).</param>
/// <param name="logger">Where failures go.</param>
internal abstract partial class Poller(TimeSpan interval, bool tickAtStart, ILogger logger) : BackgroundService
{
    /// <summary>What a tick does, in words for the log ("look for changes to the practice").</summary>
    protected abstract string Work { get; }

    /// <summary>One tick's work.</summary>
    protected abstract Task TickAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        if (!tickAtStart && !await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        do
        {
            try
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A database that is away for a moment must not stop the loop: the next tick tries again.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Failed(logger, Work, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {Work}; trying again")]
    private static partial void Failed(ILogger logger, string work, Exception error);
}
