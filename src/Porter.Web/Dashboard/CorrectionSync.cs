using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Porter.Application.Understanding;

namespace Porter.Web.Dashboard;

/// <summary>
/// Keeps the local model's corrections in step with the database: learns every correction kept before it starts
/// (before the service takes messages), then looks for those made on other instances every
/// <see cref="ServiceOptions.PracticeSyncInterval"/> (one indexed query when there are none). A correction made on this
/// instance is learnt at once by the dashboard (<see cref="Corrections.CorrectAsync"/>).
/// </summary>
internal sealed partial class CorrectionSync(TextUnderstanding understanding, ICorrectionStore store, ServiceOptions options, ILogger<CorrectionSync> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await LearnNewAsync(cancellationToken).ConfigureAwait(false);
        Learnt(logger, understanding.CorrectionCount);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PracticeSyncInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                await LearnNewAsync(stoppingToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A database that is away for a moment must not stop the looking: the next tick tries again.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Failed(logger, e);
            }
        }
    }

    private async Task LearnNewAsync(CancellationToken cancellationToken) =>
        understanding.Learn(await store.AfterAsync(understanding.LastCorrection, cancellationToken).ConfigureAwait(false), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "The local model knows {Count} corrections of the practice")]
    private static partial void Learnt(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for new corrections; trying again")]
    private static partial void Failed(ILogger logger, Exception error);
}
