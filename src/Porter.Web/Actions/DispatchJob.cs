using Quartz;

namespace Porter.Web.Actions;

/// <summary>
/// The Quartz.NET job that runs <see cref="ActionDispatcher"/>. <see cref="DisallowConcurrentExecutionAttribute"/>
/// holds cluster-wide with a clustered job store: while one instance runs it, no other does.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class DispatchJob(ActionDispatcher dispatcher) : IJob
{
    public static readonly JobKey Key = new("dispatch-actions", "porter");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await dispatcher.RunDueAsync(cancellationToken).ConfigureAwait(false);
}
