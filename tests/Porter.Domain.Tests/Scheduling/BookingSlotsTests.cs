using System.Collections.Immutable;
using NodaTime;
using Porter.Domain.Scheduling;
using static Porter.Domain.Tests.Scheduling.Schedules;

namespace Porter.Domain.Tests.Scheduling;

public class BookingSlotsTests
{
    // Sam in London (GMT in November), a split day; Monday 23 November 2026, 08:00.
    private static readonly BusinessCalendar Sam = Calendar("Europe/London", "mon,tue,wed,thu,fri 09:00-12:30, 13:30-17:30");
    private static readonly Instant MondayMorning = At("2026-11-23T08:00:00+00:00");
    private static readonly BookingRules Rules = new(Duration.FromMinutes(30), Duration.FromMinutes(15), Duration.FromHours(24), 3, 8, 14);

    [Fact]
    public void Free_FirstSlotIsAfterTheMinimumNoticeOnTheGridOfTheStretch()
    {
        ImmutableArray<Interval> slots = BookingSlots.Free(Sam, null, [], MondayMorning, Rules);

        Assert.Equal(At("2026-11-24T09:00:00+00:00"), slots[0].Start);
        Assert.Equal(At("2026-11-24T09:30:00+00:00"), slots[1].Start);
        // The morning's last slot ends when the morning does; the afternoon starts on its own grid.
        Assert.Contains(slots, s => s.Start == At("2026-11-24T12:00:00+00:00"));
        Assert.DoesNotContain(slots, s => s.Start == At("2026-11-24T12:30:00+00:00"));
        Assert.Contains(slots, s => s.Start == At("2026-11-24T13:30:00+00:00"));
        Assert.DoesNotContain(slots, s => s.Start < MondayMorning + Duration.FromHours(24));
    }

    [Fact]
    public void Free_WithTheClientsHours_OnlyWhereBothWork()
    {
        // Northwind in New York, 08:00-18:00 there: 13:00-23:00 in London; only Sam's afternoons overlap.
        BusinessCalendar northwind = Calendar("America/New_York", "mon,tue,wed,thu,fri 08:00-18:00");

        ImmutableArray<Interval> slots = BookingSlots.Free(Sam, northwind, [], MondayMorning, Rules);

        Assert.NotEmpty(slots);
        Assert.All(slots, s =>
        {
            Assert.Equal(Rules.SlotLength, Sam.BusinessTimeBetween(s.Start, s.End));
            Assert.Equal(Rules.SlotLength, northwind.BusinessTimeBetween(s.Start, s.End));
        });
        Assert.Equal(At("2026-11-24T13:30:00+00:00"), slots[0].Start);
    }

    [Fact]
    public void Free_KeepsTheBufferAroundABooking()
    {
        var booking = new Interval(At("2026-11-24T14:00:00+00:00"), At("2026-11-24T14:30:00+00:00"));

        ImmutableArray<Interval> slots = BookingSlots.Free(Sam, null, [booking], MondayMorning, Rules);

        Assert.DoesNotContain(slots, s => s.Start == At("2026-11-24T13:30:00+00:00"));
        Assert.DoesNotContain(slots, s => s.Start == At("2026-11-24T14:00:00+00:00"));
        Assert.DoesNotContain(slots, s => s.Start == At("2026-11-24T14:30:00+00:00"));
        Assert.Contains(slots, s => s.Start == At("2026-11-24T15:00:00+00:00"));
        Assert.Contains(slots, s => s.Start == At("2026-11-24T12:00:00+00:00"));
    }

    [Fact]
    public void Free_ADayAtItsLimitOffersNothing_TheNextDayDoes()
    {
        var booking = new Interval(At("2026-11-24T10:00:00+00:00"), At("2026-11-24T10:30:00+00:00"));

        ImmutableArray<Interval> slots = BookingSlots.Free(Sam, null, [booking], MondayMorning, Rules with { MaxPerDay = 1 });

        Assert.DoesNotContain(slots, s => s.Start.InUtc().Date == new LocalDate(2026, 11, 24));
        Assert.Contains(slots, s => s.Start.InUtc().Date == new LocalDate(2026, 11, 25));
    }

    [Fact]
    public void Free_AWeekAtItsLimitOffersNothing_TheNextWeekDoes()
    {
        Interval[] booked =
        [
            new(At("2026-11-24T10:00:00+00:00"), At("2026-11-24T10:30:00+00:00")),
            new(At("2026-11-25T10:00:00+00:00"), At("2026-11-25T10:30:00+00:00")),
        ];

        ImmutableArray<Interval> slots = BookingSlots.Free(Sam, null, booked, MondayMorning, Rules with { MaxPerWeek = 2 });

        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.True(s.Start >= At("2026-11-30T09:00:00+00:00"), $"{s.Start} is in the full week"));
    }

    [Fact]
    public void Free_NeverPastTheHorizon()
    {
        ImmutableArray<Interval> slots = BookingSlots.Free(Sam, null, [], MondayMorning, Rules with { HorizonDays = 3 });

        Assert.All(slots, s => Assert.True(s.End <= MondayMorning + Duration.FromDays(3)));
        Assert.Contains(slots, s => s.Start.InUtc().Date == new LocalDate(2026, 11, 25));
    }

    [Fact]
    public void Free_EverySlotIsWorkingTimeForBoth_AndClearOfEveryBooking_OverAMonthWithAClockChange()
    {
        // Across the European clock change (29 March 2026) and the American one (8 March).
        Instant start = At("2026-03-02T07:00:00+00:00");
        BusinessCalendar client = Calendar("America/New_York", "mon,tue,wed,thu,fri 07:00-19:00");
        Interval[] booked = [new(At("2026-03-10T14:00:00+00:00"), At("2026-03-10T14:30:00+00:00")), new(At("2026-03-30T15:00:00+00:00"), At("2026-03-30T15:30:00+00:00"))];
        BookingRules rules = Rules with { HorizonDays = 35, MaxPerWeek = 100, MaxPerDay = 100 };

        ImmutableArray<Interval> slots = BookingSlots.Free(Sam, client, booked, start, rules);

        Assert.True(slots.Length > 100);
        Assert.All(slots, s =>
        {
            Assert.Equal(rules.SlotLength, Sam.BusinessTimeBetween(s.Start, s.End));
            Assert.Equal(rules.SlotLength, client.BusinessTimeBetween(s.Start, s.End));
            Assert.All(booked, b => Assert.False(b.Start - rules.Buffer < s.End && s.Start < b.End + rules.Buffer));
        });
        Assert.Equal(slots.Length, slots.Distinct().Count());
    }

    [Fact]
    public void IsFree_OnlyForSlotsOnTheGrid()
    {
        Assert.True(BookingSlots.IsFree(Sam, null, [], MondayMorning, Rules, new Interval(At("2026-11-24T09:30:00+00:00"), At("2026-11-24T10:00:00+00:00"))));
        Assert.False(BookingSlots.IsFree(Sam, null, [], MondayMorning, Rules, new Interval(At("2026-11-24T09:10:00+00:00"), At("2026-11-24T09:40:00+00:00"))));
        Assert.False(BookingSlots.IsFree(Sam, null, [], MondayMorning, Rules, new Interval(At("2026-11-23T14:00:00+00:00"), At("2026-11-23T14:30:00+00:00"))));
    }
}
