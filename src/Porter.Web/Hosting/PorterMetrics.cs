using System.Diagnostics.Metrics;

namespace Porter.Web.Hosting;

/// <summary>
/// Porter's own metrics (meter <c>Porter</c>), exported with OpenTelemetry: messages by decision, automatic and
/// queued replies sent, and messages past their deadline with no reply, as last counted by the action dispatcher.
/// </summary>
public sealed class PorterMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Porter";

    private readonly Meter meter;
    private readonly Counter<long> messages;
    private readonly Counter<long> replies;
    private long deadlinesMissed;

    /// <summary>Creates the instruments, on a meter from the host's factory (so each host has its own).</summary>
    public PorterMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        meter = meters.Create(MeterName);
        messages = meter.CreateCounter<long>("porter.messages", "{message}", "Messages stored, by decision (deliver, hold, escalate, never_answer) and channel.");
        replies = meter.CreateCounter<long>("porter.replies.sent", "{message}", "Mail sent, by kind (auto_reply, send_reply, escalate).");
        meter.CreateObservableGauge("porter.deadlines.missed", () => Interlocked.Read(ref deadlinesMissed), "{message}",
            "Messages in the queue whose business-hours deadline has passed with no reply sent.");
    }

    /// <summary>Counts a stored message.</summary>
    public void MessageStored(string decision, string channel) =>
        messages.Add(1, new KeyValuePair<string, object?>("decision", decision), new KeyValuePair<string, object?>("channel", channel));

    /// <summary>Counts mail sent.</summary>
    public void ReplySent(string kind) => replies.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Records how many deadlines are missed now.</summary>
    public void DeadlinesMissed(long count) => Interlocked.Exchange(ref deadlinesMissed, count);

    /// <inheritdoc />
    public void Dispose() => meter.Dispose();
}
