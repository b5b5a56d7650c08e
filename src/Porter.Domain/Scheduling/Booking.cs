using System.Collections.Immutable;
using System.Diagnostics.Contracts;
using NodaTime;

namespace Porter.Domain.Scheduling;

/// <summary>
/// How clients may book time, the way Cal.com's event types put it: slots of a fixed length, a buffer kept free around
/// every booking, a minimum notice, at most so many bookings a day and a week, and how far ahead the page looks.
/// </summary>
/// <param name="SlotLength">How long a booking is.</param>
/// <param name="Buffer">Time kept free before and after every booking.</param>
/// <param name="MinimumNotice">How long before its start a slot can still be booked.</param>
/// <param name="MaxPerDay">At most this many bookings on one of the professional's days.</param>
/// <param name="MaxPerWeek">At most this many bookings in one of the professional's ISO weeks (Monday to Sunday).</param>
/// <param name="HorizonDays">How many days ahead slots are offered.</param>
public sealed record BookingRules(Duration SlotLength, Duration Buffer, Duration MinimumNotice, int MaxPerDay, int MaxPerWeek, int HorizonDays)
{
    /// <summary>30-minute slots, 15 minutes' buffer, a day's notice, 3 a day, 8 a week, two weeks ahead.</summary>
    public static BookingRules Default { get; } = new(Duration.FromMinutes(30), Duration.FromMinutes(15), Duration.FromHours(24), 3, 8, 14);
}

/// <summary>Free slots for the booking page: inside the professional's hours and, when known, the client's own.</summary>
public static class BookingSlots
{
    /// <summary>
    /// The slots a client can book from <paramref name="now"/>: each inside one of the professional's working stretches
    /// and one of the client's (when <paramref name="client"/> is given), on the slot grid from the stretch's start,
    /// at least the minimum notice away, clear of every booking by the buffer, and on a day and in a week that still
    /// has room under the limits. Days and weeks are the professional's.
    /// </summary>
    /// <param name="professional">The professional's working time.</param>
    /// <param name="client">The client's own hours, or null when unknown.</param>
    /// <param name="booked">Bookings already made (any order).</param>
    /// <param name="now">Now.</param>
    /// <param name="rules">The booking rules.</param>
    [Pure]
    public static ImmutableArray<Interval> Free(BusinessCalendar professional, BusinessCalendar? client, IReadOnlyCollection<Interval> booked, Instant now, BookingRules rules)
    {
        ArgumentNullException.ThrowIfNull(professional);
        ArgumentNullException.ThrowIfNull(booked);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.SlotLength <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(rules), "Slots must have a positive length.");
        }

        DateTimeZone zone = professional.Zone;
        var window = new Interval(now, now + Duration.FromDays(rules.HorizonDays));
        Instant earliest = now + rules.MinimumNotice;
        var perDay = booked.GroupBy(b => b.Start.InZone(zone).Date).ToDictionary(g => g.Key, g => g.Count());
        var perWeek = booked.GroupBy(b => WeekOf(b.Start.InZone(zone).Date)).ToDictionary(g => g.Key, g => g.Count());

        IEnumerable<Interval> stretches = professional.OpenIntervals(window);
        if (client is not null)
        {
            stretches = Intersect([.. stretches], [.. client.OpenIntervals(window)]);
        }

        var slots = ImmutableArray.CreateBuilder<Interval>();
        foreach (Interval stretch in stretches)
        {
            for (Instant start = stretch.Start; start + rules.SlotLength <= stretch.End; start += rules.SlotLength)
            {
                var slot = new Interval(start, start + rules.SlotLength);
                LocalDate day = start.InZone(zone).Date;
                if (start >= earliest
                    && perDay.GetValueOrDefault(day) < rules.MaxPerDay
                    && perWeek.GetValueOrDefault(WeekOf(day)) < rules.MaxPerWeek
                    && !booked.Any(b => b.Start - rules.Buffer < slot.End && slot.Start < b.End + rules.Buffer))
                {
                    slots.Add(slot);
                }
            }
        }

        return slots.ToImmutable();
    }

    /// <summary>Whether <paramref name="slot"/> is one of the free slots (a booking is checked again when it is made).</summary>
    [Pure]
    public static bool IsFree(BusinessCalendar professional, BusinessCalendar? client, IReadOnlyCollection<Interval> booked, Instant now, BookingRules rules, Interval slot) =>
        Free(professional, client, booked, now, rules).Contains(slot);

    /// <summary>The Monday that starts the ISO week of <paramref name="date"/>.</summary>
    private static LocalDate WeekOf(LocalDate date) => date.PlusDays(-((int)date.DayOfWeek - 1));

    /// <summary>Where two sorted lists of disjoint intervals overlap.</summary>
    private static IEnumerable<Interval> Intersect(List<Interval> a, List<Interval> b)
    {
        int i = 0, j = 0;
        while (i < a.Count && j < b.Count)
        {
            Instant start = Instant.Max(a[i].Start, b[j].Start);
            Instant end = Instant.Min(a[i].End, b[j].End);
            if (start < end)
            {
                yield return new Interval(start, end);
            }

            if (a[i].End < b[j].End)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
    }
}
