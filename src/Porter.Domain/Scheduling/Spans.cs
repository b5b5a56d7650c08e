using NodaTime;

namespace Porter.Domain.Scheduling;

/// <summary>Lengths of time in words, as the dashboard, the reviews and the mail show them.</summary>
public static class Spans
{
    /// <summary>"2h 15m", "45m", "3h" (rounded to the minute; for business time, hours are working hours).</summary>
    public static string Of(Duration duration)
    {
        long minutes = (long)Math.Round(Math.Abs(duration.TotalMinutes));
        long hours = minutes / 60;
        return (hours, minutes % 60) switch
        {
            (0, long m) => $"{m}m",
            (long h, 0) => $"{h}h",
            (long h, long m) => $"{h}h {m}m",
        };
    }
}
