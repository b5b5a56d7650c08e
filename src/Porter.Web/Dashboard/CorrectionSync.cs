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
internal sealed partial class CorrectionSync(TextUnderstanding understanding, ICorrectionStore store, ServiceOptions options, ILogger<CorrectionSync> logger)
    : Poller(options.PracticeSyncInterval, tickAtStart: false, logger)
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await LearnNewAsync(cancellationToken).ConfigureAwait(false);
        Learnt(logger, understanding.CorrectionCount);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override string Work => "look for new corrections";

    protected override Task TickAsync(CancellationToken cancellationToken) => LearnNewAsync(cancellationToken);

    private async Task LearnNewAsync(CancellationToken cancellationToken) =>
        understanding.Learn(await store.AfterAsync(understanding.LastCorrection, cancellationToken).ConfigureAwait(false), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "The local model knows {Count} corrections of the practice")]
    private static partial void Learnt(ILogger logger, int count);
}
