using System.Collections.Immutable;
using NodaTime;

namespace Porter.Domain.Scheduling;

/// <summary>A day off, such as a public holiday: closed all day, whatever the weekly hours say.</summary>
/// <param name="Date">The local date.</param>
/// <param name="Name">What the holiday is called, if known.</param>
public sealed record Holiday(LocalDate Date, string? Name);

/// <summary>One date with other hours than usual, or closed (<see cref="Hours"/> empty).</summary>
/// <param name="Date">The local date.</param>
/// <param name="Hours">The hours on that date, replacing the usual ones; empty means closed.</param>
/// <param name="Note">Why, for the person reading the schedule.</param>
public sealed record DateOverride(LocalDate Date, ImmutableArray<DailyInterval> Hours, string? Note)
{
    /// <summary>Whether the date is closed.</summary>
    public bool IsClosed => Hours.IsDefaultOrEmpty;
}

/// <summary>A vacation: every day of the range is closed.</summary>
/// <param name="Dates">The dates, both ends included.</param>
/// <param name="Note">What it is, for the person reading the schedule.</param>
public sealed record Vacation(DateInterval Dates, string? Note);

/// <summary>
/// A temporary exception to the weekly hours for a range of dates, such as a busy season. For the weekdays it
/// names, its hours replace the usual ones (an empty list closes that weekday); other weekdays keep their usual hours.
/// </summary>
/// <param name="Dates">The dates, both ends included.</param>
/// <param name="Name">What the period is called.</param>
/// <param name="Days">The replacement hours per weekday.</param>
public sealed record TemporaryHours(DateInterval Dates, string Name, ImmutableDictionary<IsoDayOfWeek, ImmutableArray<DailyInterval>> Days);

/// <summary>A one-off break on a date (an appointment, an errand): that time is cut out of the working hours.</summary>
/// <param name="Date">The local date.</param>
/// <param name="Interval">The time cut out.</param>
public sealed record DatedBreak(LocalDate Date, DailyInterval Interval);

/// <summary>Why a date has the hours it has.</summary>
public enum DayRule
{
    /// <summary>The usual weekly hours.</summary>
    Weekly,

    /// <summary>A temporary exception to the weekly hours.</summary>
    TemporaryHours,

    /// <summary>A holiday: closed.</summary>
    Holiday,

    /// <summary>A vacation day: closed.</summary>
    Vacation,

    /// <summary>A date override: other hours, or closed.</summary>
    Override,
}

/// <summary>The hours of one local date, and the rule that gave them.</summary>
/// <param name="Date">The local date.</param>
/// <param name="Hours">The working intervals, before breaks are cut out.</param>
/// <param name="Breaks">One-off breaks on that date.</param>
/// <param name="Rule">Which rule decided the hours.</param>
/// <param name="Label">The holiday, vacation, override or exception name, where it has one.</param>
public sealed record DaySchedule(LocalDate Date, ImmutableArray<DailyInterval> Hours, ImmutableArray<DailyInterval> Breaks, DayRule Rule, string? Label)
{
    /// <summary>Whether there is no working time on the date.</summary>
    public bool IsClosed => Hours.IsDefaultOrEmpty;
}

/// <summary>A problem with an availability definition: the field it concerns and what is wrong.</summary>
/// <param name="Field">The path of the field, such as <c>availability.weekly.mon[1]</c>.</param>
/// <param name="Message">What is wrong with it.</param>
public sealed record AvailabilityProblem(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field}: {Message}";
}
