using Microsoft.Extensions.Logging;
using Porter.Application.Changes;

namespace Porter.Web.Dashboard;

/// <summary>
/// Keeps this instance's practice in step with the database: looks for changes made by other instances (a new version
/// of the practice, a new status) every <see cref="ServiceOptions.PracticeSyncInterval"/> (one second by default; one
/// indexed <c>max(id)</c> when nothing changed), so a change saved on one instance decides the next message on every
/// other within about that.
/// </summary>
internal sealed partial class PracticeSync(PracticeState practice, ServiceOptions options, ILogger<PracticeSync> logger)
    : Poller(options.PracticeSyncInterval, tickAtStart: false, logger)
{
    protected override string Work => "look for changes to the practice";

    protected override async Task TickAsync(CancellationToken cancellationToken)
    {
        if (await practice.RefreshAsync(cancellationToken).ConfigureAwait(false))
        {
            Refreshed(logger, practice.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The practice changed elsewhere: now at version {Version}")]
    private static partial void Refreshed(ILogger logger, long? version);
}
