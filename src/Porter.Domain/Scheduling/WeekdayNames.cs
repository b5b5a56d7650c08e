using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace Porter.Domain.Scheduling;

/// <summary>The short weekday names Porter's files use (<c>mon</c> … <c>sun</c>), Monday first.</summary>
public static class WeekdayNames
{
    /// <summary>Every weekday with its short name, Monday first.</summary>
    public static IReadOnlyList<(string Name, IsoDayOfWeek Day)> All { get; } =
    [
        ("mon", IsoDayOfWeek.Monday), ("tue", IsoDayOfWeek.Tuesday), ("wed", IsoDayOfWeek.Wednesday),
        ("thu", IsoDayOfWeek.Thursday), ("fri", IsoDayOfWeek.Friday), ("sat", IsoDayOfWeek.Saturday), ("sun", IsoDayOfWeek.Sunday),
    ];

    /// <summary>The short names, Monday first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(w => w.Name)];

    /// <summary>Parses a short name, ignoring case.</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out IsoDayOfWeek day)
    {
        foreach ((string candidate, IsoDayOfWeek weekday) in All)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                day = weekday;
                return true;
            }
        }

        day = IsoDayOfWeek.None;
        return false;
    }
}
