using System.Globalization;
using System.Text.Json;
using NodaTime;
using Porter.Domain.Agreements;
using Porter.Domain.Scheduling;
using Porter.Storage.Messages;

namespace Porter.Web.Dashboard;

/// <summary>How the pages put times and durations into words.</summary>
public static class Show
{
    /// <summary>"Tue 24 Nov, 09:00" in <paramref name="zone"/>.</summary>
    public static string When(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("ddd d MMM, HH:mm", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>"Tuesday 24 November" in <paramref name="zone"/>.</summary>
    public static string Day(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("dddd d MMMM", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>"HH:mm" in <paramref name="zone"/>.</summary>
    public static string Time(Instant instant, DateTimeZone zone) =>
        instant.InZone(zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A file size in words: "812 bytes", "14 KB", "2.3 MB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024} KB",
        _ => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
    };

    /// <summary>"2h 15m", "45m", "3d 1h" (days of 24 hours; for business time, hours are working hours).</summary>
    public static string Span(Duration duration) => Spans.Of(duration);

    /// <summary>Business time left until a deadline ("3h 20m left"), or how far past it ("overdue by 1h").</summary>
    public static (string Text, bool Overdue) TimeLeft(Practice? practice, Instant now, Instant? deadline)
    {
        if (deadline is not { } due)
        {
            return ("no deadline", false);
        }

        if (practice is null)
        {
            return (due >= now ? $"{Span(due - now)} left" : $"overdue by {Span(now - due)}", due < now);
        }

        return due >= now
            ? ($"{Span(practice.Calendar.BusinessTimeBetween(now, due))} of working time left", false)
            : ($"overdue by {Span(practice.Calendar.BusinessTimeBetween(due, now))} of working time", true);
    }

    /// <summary>The stored reasons.</summary>
    public static IReadOnlyList<StoredReason> Reasons(string json) =>
        JsonSerializer.Deserialize<List<StoredReason>>(json, JsonSerializerOptions.Web) ?? [];
}
